package exec

import (
	"context"
	"io"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
)

// sortKey is one resolved sort key.
type sortKey struct {
	execpb.Ordering
	t types.T
}

func resolveKeys(schema *arrow.Schema, ord []execpb.Ordering) ([]sortKey, error) {
	ts := TypesOf(schema)
	keys := make([]sortKey, len(ord))
	for i, o := range ord {
		if o.Col < 0 || o.Col >= len(ts) {
			return nil, pgerror.AssertionFailedf("sort column %d out of range", o.Col)
		}
		keys[i] = sortKey{Ordering: o, t: ts[o.Col]}
	}
	return keys, nil
}

// compareRows orders row i of a and row j of b by keys, NULLs placed as
// each key says.
func compareRows(keys []sortKey, a arrow.Record, i int, b arrow.Record, j int) int {
	for _, k := range keys {
		x, y := a.Column(k.Col), b.Column(k.Col)
		xn, yn := x.IsNull(i), y.IsNull(j)
		var c int
		switch {
		case xn && yn:
			continue
		case xn || yn:
			c = 1
			if xn == k.NullsFirst {
				c = -1
			}
			return c
		}
		c = compareCells(k.t, x, i, y, j)
		if k.Desc {
			c = -c
		}
		if c != 0 {
			return c
		}
	}
	return 0
}

// sortOp reads its whole input, sorts it and returns it in batches.
type sortOp struct {
	input  Operator
	alloc  memory.Allocator
	keys   []sortKey
	sorted arrow.Record // all rows in order, built on first Next
	done   bool
	pos    int64
	out    arrow.Record
	// limit, when >= 0, keeps only the first limit rows (TopN).
	limit, offset int64
}

var _ Operator = (*sortOp)(nil)

func newSortOp(alloc memory.Allocator, input Operator, ord []execpb.Ordering) (Operator, error) {
	keys, err := resolveKeys(input.Schema(), ord)
	if err != nil {
		return nil, err
	}
	return &sortOp{input: input, alloc: alloc, keys: keys, limit: -1}, nil
}

// Schema implements Operator.
func (s *sortOp) Schema() *arrow.Schema { return s.input.Schema() }

// Open implements Operator.
func (s *sortOp) Open(ctx context.Context) error { return s.input.Open(ctx) }

// Next implements Operator.
func (s *sortOp) Next(ctx context.Context) (arrow.Record, error) {
	s.releaseOut()
	if !s.done {
		if err := s.load(ctx); err != nil {
			return nil, err
		}
		s.done = true
	}
	if s.sorted == nil || s.pos >= s.sorted.NumRows() {
		return nil, io.EOF
	}
	end := min(s.pos+BatchSize, s.sorted.NumRows())
	s.out = s.sorted.NewSlice(s.pos, end)
	s.pos = end
	return s.out, nil
}

// load reads and sorts the input, keeping only limit+offset rows when a
// limit is set (compacting as batches arrive).
func (s *sortOp) load(ctx context.Context) error {
	var buf []arrow.Record
	defer func() { releaseAll(buf) }()
	rows := int64(0)
	keep := int64(-1)
	if s.limit >= 0 {
		keep = s.limit + s.offset
	}
	for {
		rec, err := s.input.Next(ctx)
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		rec.Retain()
		buf = append(buf, rec)
		rows += rec.NumRows()
		if keep >= 0 && rows > max(2*keep, BatchSize) {
			top, err := s.sortBuf(buf, keep)
			if err != nil {
				return err
			}
			releaseAll(buf)
			buf, rows = []arrow.Record{top}, top.NumRows()
		}
	}
	top, err := s.sortBuf(buf, keep)
	if err != nil {
		return err
	}
	s.sorted = top
	if s.offset > 0 && top != nil {
		s.pos = min(s.offset, top.NumRows())
	}
	return nil
}

// sortBuf returns a new record of buf's rows in order, cut to keep rows
// when keep >= 0; nil when buf is empty.
func (s *sortOp) sortBuf(buf []arrow.Record, keep int64) (arrow.Record, error) {
	if len(buf) == 0 {
		return nil, nil
	}
	all, err := concatRecords(s.alloc, s.input.Schema(), buf)
	if err != nil {
		return nil, err
	}
	defer all.Release()
	perm := sortPermutation(all, s.keys)
	if keep >= 0 && int64(len(perm)) > keep {
		perm = perm[:keep]
	}
	return takeRecord(s.alloc, all, perm), nil
}

func (s *sortOp) releaseOut() {
	if s.out != nil {
		s.out.Release()
		s.out = nil
	}
}

// Close implements Operator.
func (s *sortOp) Close() error {
	s.releaseOut()
	if s.sorted != nil {
		s.sorted.Release()
		s.sorted = nil
	}
	return s.input.Close()
}

// newTopNOp is a sort that keeps only limit+offset rows in memory and
// returns rows offset..offset+limit.
func newTopNOp(alloc memory.Allocator, input Operator, ord []execpb.Ordering, limit, offset int64) (Operator, error) {
	keys, err := resolveKeys(input.Schema(), ord)
	if err != nil {
		return nil, err
	}
	return &sortOp{input: input, alloc: alloc, keys: keys, limit: limit, offset: max(offset, 0)}, nil
}
