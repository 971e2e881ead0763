package sql

import (
	"context"

	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/quiverdb/quiver/exec"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/planner"
)

// evalRow evaluates expressions without column references on the
// gateway: constants fold here, anything else runs through exec over one
// row. nil expressions give nil.
func evalRow(ctx context.Context, es []*execpb.Expr, params []types.Datum) ([]types.Datum, error) {
	out := make([]types.Datum, len(es))
	var rest []int
	for i, e := range es {
		if e == nil {
			continue
		}
		e, err := planner.SubstituteExpr(e, params)
		if err == nil {
			e, err = planner.FoldExpr(e)
		}
		if err != nil {
			return nil, err
		}
		es[i] = e
		if e.Kind != execpb.ExprConst {
			rest = append(rest, i)
			continue
		}
		if !e.Null {
			if out[i], err = types.ParseText(e.Type, e.Text); err != nil {
				return nil, err
			}
		}
	}
	if len(rest) == 0 {
		return out, nil
	}
	return out, evalWithExec(ctx, es, rest, out)
}

func evalWithExec(ctx context.Context, es []*execpb.Expr, idx []int, out []types.Datum) error {
	row := make([]*execpb.Expr, len(idx))
	ts := make([]types.T, len(idx))
	for j, i := range idx {
		row[j], ts[j] = es[i], es[i].Type
	}
	node := &execpb.Node{Kind: execpb.NodeValues, Rows: [][]*execpb.Expr{row}, Types: ts, Names: make([]string, len(ts)), Limit: -1}
	op, err := exec.Build(ctx, node, &exec.Env{Alloc: memory.DefaultAllocator})
	if err != nil {
		return err
	}
	recs, err := exec.Drain(ctx, op)
	if err != nil {
		return err
	}
	for _, rec := range recs {
		for _, r := range exec.RowsFromRecord(rec, ts) {
			for j, i := range idx {
				out[i] = r[j]
			}
		}
		rec.Release()
	}
	return nil
}
