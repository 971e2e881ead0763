package exec

import (
	"context"
	"errors"
	"io"
	"testing"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
)

// failAfter returns its input's batches, then err instead of io.EOF.
type failAfter struct {
	Operator
	err error
}

func (f *failAfter) Next(ctx context.Context) (arrow.Record, error) {
	rec, err := f.Operator.Next(ctx)
	if errors.Is(err, io.EOF) {
		return nil, f.err
	}
	return rec, err
}

func intSources(alloc memory.Allocator, n, batches int) ([]Operator, *arrow.Schema) {
	ts := []types.T{types.Int8Type}
	schema := Schema(ts, []string{"v"})
	var ops []Operator
	for s := 0; s < n; s++ {
		var recs []arrow.Record
		for b := 0; b < batches; b++ {
			rec := RecordFromRows(alloc, ts, [][]types.Datum{{int64(s*1000 + b)}})
			recs = append(recs, rec)
		}
		ops = append(ops, NewRecordSource(schema, recs))
		for _, r := range recs {
			r.Release()
		}
	}
	return ops, schema
}

func TestPrefetchUnionReadsEverything(t *testing.T) {
	alloc := memory.NewCheckedAllocator(memory.DefaultAllocator)
	defer alloc.AssertSize(t, 0)
	srcs, schema := intSources(alloc, 4, 50)
	op := &unionOp{schema: schema, inputs: prefetchAll(srcs)}
	recs, err := Drain(context.Background(), op)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[int64]bool{}
	for _, r := range recs {
		for _, row := range RowsFromRecord(r, []types.T{types.Int8Type}) {
			seen[row[0].(int64)] = true
		}
		r.Release()
	}
	if len(seen) != 200 {
		t.Fatalf("read %d distinct rows, want 200", len(seen))
	}
}

func TestPrefetchPropagatesErrorAndCloseReleases(t *testing.T) {
	alloc := memory.NewCheckedAllocator(memory.DefaultAllocator)
	defer alloc.AssertSize(t, 0)
	srcs, schema := intSources(alloc, 3, 20)
	boom := pgerror.New(pgerror.DivisionByZero, "division by zero")
	srcs[1] = &failAfter{Operator: srcs[1], err: boom}
	op := &unionOp{schema: schema, inputs: prefetchAll(srcs)}
	ctx := context.Background()
	if err := op.Open(ctx); err != nil {
		t.Fatal(err)
	}
	var err error
	for err == nil {
		_, err = op.Next(ctx)
	}
	if pgerror.CodeOf(err) != pgerror.DivisionByZero {
		t.Fatalf("Next = %v, want the input's error", err)
	}
	// Close while other inputs still hold buffered batches.
	if err := op.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestSelectedRowsOfNullMask(t *testing.T) {
	mask := array.MakeArrayOfNull(memory.DefaultAllocator, arrow.FixedWidthTypes.Boolean, 5)
	defer mask.Release()
	if idx := selectedRows(mask, nil); len(idx) != 0 {
		t.Fatalf("a mask of nulls selected %v", idx)
	}
}
