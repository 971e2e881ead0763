package exec

import (
	"context"
	"io"

	"github.com/apache/arrow/go/v15/arrow"
)

// recordSource is an Operator over ready batches.
type recordSource struct {
	schema *arrow.Schema
	recs   []arrow.Record
	next   int
}

var _ Operator = (*recordSource)(nil)

// NewRecordSource returns an operator that returns recs in order. It
// retains them and releases them on Close; batches it hands out stay
// valid until Close.
func NewRecordSource(schema *arrow.Schema, recs []arrow.Record) Operator {
	for _, r := range recs {
		r.Retain()
	}
	return &recordSource{schema: schema, recs: recs}
}

// Schema implements Operator.
func (s *recordSource) Schema() *arrow.Schema { return s.schema }

// Open implements Operator.
func (s *recordSource) Open(context.Context) error { return nil }

// Next implements Operator.
func (s *recordSource) Next(ctx context.Context) (arrow.Record, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if s.next >= len(s.recs) {
		return nil, io.EOF
	}
	s.next++
	return s.recs[s.next-1], nil
}

// Close implements Operator.
func (s *recordSource) Close() error {
	for _, r := range s.recs {
		r.Release()
	}
	s.recs = nil
	return nil
}
