package exec

import (
	"context"
	"io"

	"github.com/apache/arrow/go/v15/arrow"
)

// limitOp skips offset rows, then returns at most limit (-1: all).
type limitOp struct {
	input         Operator
	limit, offset int64
	out           arrow.Record
}

var _ Operator = (*limitOp)(nil)

// Schema implements Operator.
func (l *limitOp) Schema() *arrow.Schema { return l.input.Schema() }

// Open implements Operator.
func (l *limitOp) Open(ctx context.Context) error { return l.input.Open(ctx) }

// Next implements Operator.
func (l *limitOp) Next(ctx context.Context) (arrow.Record, error) {
	l.release()
	for l.limit != 0 {
		rec, err := l.input.Next(ctx)
		if err != nil {
			return nil, err
		}
		n := rec.NumRows()
		if l.offset >= n {
			l.offset -= n
			continue
		}
		end := n
		if l.limit >= 0 {
			end = min(n, l.offset+l.limit)
			l.limit -= end - l.offset
		}
		l.out = rec.NewSlice(l.offset, end)
		l.offset = 0
		return l.out, nil
	}
	return nil, io.EOF
}

func (l *limitOp) release() {
	if l.out != nil {
		l.out.Release()
		l.out = nil
	}
}

// Close implements Operator.
func (l *limitOp) Close() error {
	l.release()
	return l.input.Close()
}
