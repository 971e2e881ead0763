package exec

import (
	"context"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/quiverdb/quiver/exec/execpb"
)

// Operator is a pull-based producer of Arrow record batches.
type Operator interface {
	Schema() *arrow.Schema
	Open(ctx context.Context) error
	// Next returns the next batch, or (nil, io.EOF). The batch is valid
	// until the next call; Retain it to keep it longer.
	Next(ctx context.Context) (arrow.Record, error)
	Close() error
}

// Env is what Build needs from the place a fragment runs.
type Env struct {
	// Alloc allocates every buffer the operators build.
	Alloc memory.Allocator
	// Scan returns the operator that reads spec's rows where the fragment
	// runs (a shard implements it over its storage). Its output columns
	// are spec.Cols, unfiltered: Build applies spec.Filter on top.
	Scan func(ctx context.Context, spec *execpb.Scan) (Operator, error)
	// Sources returns, for a NodeMerge reading Plan.Shard[source], one
	// Operator per shard stream.
	Sources func(ctx context.Context, source int) ([]Operator, error)
}

// Build turns a fragment spec into a tree of fresh operators.
func Build(ctx context.Context, node *execpb.Node, env *Env) (Operator, error) {
	return build(ctx, node, env)
}
