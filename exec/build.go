package exec

import (
	"context"

	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
)

func build(ctx context.Context, node *execpb.Node, env *Env) (Operator, error) {
	if node == nil {
		return nil, pgerror.AssertionFailedf("nil plan node")
	}
	alloc := env.Alloc
	if alloc == nil {
		alloc = memory.DefaultAllocator
	}
	switch node.Kind {
	case execpb.NodeScan:
		return buildScan(ctx, node, env, alloc)
	case execpb.NodeValues:
		return buildValues(alloc, node)
	case execpb.NodeMerge:
		return buildMerge(ctx, node, env, alloc)
	}
	if node.Input == nil {
		return nil, pgerror.AssertionFailedf("plan node kind %d without input", node.Kind)
	}
	input, err := build(ctx, node.Input, env)
	if err != nil {
		return nil, err
	}
	op, err := buildOnInput(node, input, alloc)
	if err != nil {
		_ = input.Close()
		return nil, err
	}
	return op, nil
}

// buildOnInput builds the operators that read one input.
func buildOnInput(node *execpb.Node, input Operator, alloc memory.Allocator) (Operator, error) {
	in := TypesOf(input.Schema())
	switch node.Kind {
	case execpb.NodeFilter:
		pred, err := compileExpr(node.Filter, in)
		if err != nil {
			return nil, err
		}
		return newFilterOp(alloc, input, pred)
	case execpb.NodeProject:
		exprs, err := compileExprs(node.Exprs, in)
		if err != nil {
			return nil, err
		}
		return newProjectOp(alloc, input, exprs, Schema(node.Types, node.Names)), nil
	case execpb.NodeAggregate:
		return newHashAggOp(alloc, input, node)
	case execpb.NodeSort:
		return newSortOp(alloc, input, node.Ordering)
	case execpb.NodeLimit:
		return &limitOp{input: input, limit: node.Limit, offset: max(node.Offset, 0)}, nil
	case execpb.NodeTopN:
		return newTopNOp(alloc, input, node.Ordering, node.Limit, node.Offset)
	}
	return nil, pgerror.AssertionFailedf("unknown plan node kind %d", node.Kind)
}

func buildScan(ctx context.Context, node *execpb.Node, env *Env, alloc memory.Allocator) (Operator, error) {
	if node.Scan == nil || env.Scan == nil {
		return nil, pgerror.AssertionFailedf("scan without spec or Env.Scan")
	}
	scan, err := env.Scan(ctx, node.Scan)
	if err != nil {
		return nil, err
	}
	if node.Scan.Filter == nil {
		return scan, nil
	}
	pred, err := compileExpr(node.Scan.Filter, TypesOf(scan.Schema()))
	if err == nil {
		var f *filterOp
		if f, err = newFilterOp(alloc, scan, pred); err == nil {
			return f, nil
		}
	}
	_ = scan.Close()
	return nil, err
}
