package exec

import (
	"context"
	"encoding/binary"
	mbits "math/bits"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
)

// filterOp keeps the rows of its input where pred is TRUE.
type filterOp struct {
	input Operator
	pred  evaluator
	ec    evalCtx
	out   arrow.Record
	idx   []int32
}

var _ Operator = (*filterOp)(nil)

func newFilterOp(alloc memory.Allocator, input Operator, pred evaluator) (*filterOp, error) {
	if f := pred.typ().Family; f != types.BoolFamily && f != types.UnknownFamily {
		return nil, pgerror.Newf(pgerror.DatatypeMismatch, "argument of WHERE must be type boolean, not type %s", pred.typ())
	}
	return &filterOp{input: input, pred: pred, ec: evalCtx{alloc: alloc}}, nil
}

// Schema implements Operator.
func (f *filterOp) Schema() *arrow.Schema { return f.input.Schema() }

// Open implements Operator.
func (f *filterOp) Open(ctx context.Context) error { return f.input.Open(ctx) }

// Next implements Operator.
func (f *filterOp) Next(ctx context.Context) (arrow.Record, error) {
	f.release()
	for {
		rec, err := f.input.Next(ctx)
		if err != nil {
			return nil, err
		}
		out, err := f.apply(rec)
		if err != nil {
			return nil, err
		}
		if out != nil {
			f.out = out
			return out, nil
		}
	}
}

// apply returns rec's selected rows, or nil when none is.
func (f *filterOp) apply(rec arrow.Record) (arrow.Record, error) {
	mask, err := f.pred.eval(&f.ec, rec, nil)
	if err != nil {
		return nil, err
	}
	defer mask.Release()
	f.idx = selectedRows(mask, f.idx[:0])
	switch len(f.idx) {
	case 0:
		return nil, nil
	case int(rec.NumRows()):
		rec.Retain()
		return rec, nil
	}
	return takeRecord(f.ec.alloc, rec, f.idx), nil
}

// selectedRows appends to idx the rows where mask is TRUE.
func selectedRows(mask arrow.Array, idx []int32) []int32 {
	b, ok := mask.(*array.Boolean)
	if !ok {
		return idx
	}
	// An array of nulls (a folded NULL or FALSE predicate) may come
	// without a values buffer: it selects nothing.
	if bufs := b.Data().Buffers(); len(bufs) < 2 || bufs[1] == nil {
		return idx
	}
	bits := b.Data().Buffers()[1].Bytes()
	off := b.Data().Offset()
	valid := validityOf(b)
	if off%8 != 0 {
		return selectedRowsSlow(bits, valid, off, b.Len(), idx)
	}
	bits = bits[off/8:]
	if valid != nil {
		valid = valid[off/8:]
	}
	n := b.Len()
	for w := 0; w*64 < n; w++ {
		word := loadWord(bits, w, n)
		if valid != nil {
			word &= loadWord(valid, w, n)
		}
		for word != 0 {
			idx = append(idx, int32(w*64+mbits.TrailingZeros64(word)))
			word &= word - 1
		}
	}
	return idx
}

// loadWord returns bits w*64 .. w*64+63 of a bitmap of n bits (little
// endian), the bits at n and above cleared.
func loadWord(bm []byte, w, n int) uint64 {
	start := w * 8
	if start+8 <= len(bm) && (w+1)*64 <= n {
		return binary.LittleEndian.Uint64(bm[start:])
	}
	var word uint64
	for i := w * 64; i < n && i < (w+1)*64; i++ {
		if bm[i>>3]&(1<<(uint(i)&7)) != 0 {
			word |= 1 << uint(i-w*64)
		}
	}
	return word
}

func selectedRowsSlow(bits, valid []byte, off, n int, idx []int32) []int32 {
	for i := 0; i < n; i++ {
		j := i + off
		if bits[j>>3]&(1<<(uint(j)&7)) == 0 {
			continue
		}
		if valid == nil || valid[j>>3]&(1<<(uint(j)&7)) != 0 {
			idx = append(idx, int32(i))
		}
	}
	return idx
}

func (f *filterOp) release() {
	if f.out != nil {
		f.out.Release()
		f.out = nil
	}
}

// Close implements Operator.
func (f *filterOp) Close() error {
	f.release()
	return f.input.Close()
}
