package exec

import (
	"context"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/memory"
)

// projectOp computes exprs over each input batch.
type projectOp struct {
	input  Operator
	exprs  []evaluator
	schema *arrow.Schema
	ec     evalCtx
	out    arrow.Record
}

var _ Operator = (*projectOp)(nil)

func newProjectOp(alloc memory.Allocator, input Operator, exprs []evaluator, schema *arrow.Schema) *projectOp {
	return &projectOp{input: input, exprs: exprs, schema: schema, ec: evalCtx{alloc: alloc}}
}

// Schema implements Operator.
func (p *projectOp) Schema() *arrow.Schema { return p.schema }

// Open implements Operator.
func (p *projectOp) Open(ctx context.Context) error { return p.input.Open(ctx) }

// Next implements Operator.
func (p *projectOp) Next(ctx context.Context) (arrow.Record, error) {
	if p.out != nil {
		p.out.Release()
		p.out = nil
	}
	rec, err := p.input.Next(ctx)
	if err != nil {
		return nil, err
	}
	cols, err := evalArgs(&p.ec, rec, nil, p.exprs)
	if err != nil {
		return nil, err
	}
	p.out = newRecord(p.schema, cols, int(rec.NumRows()))
	return p.out, nil
}

// Close implements Operator.
func (p *projectOp) Close() error {
	if p.out != nil {
		p.out.Release()
		p.out = nil
	}
	return p.input.Close()
}
