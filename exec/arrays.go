package exec

import (
	"unsafe"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/bitutil"
	"github.com/apache/arrow/go/v15/arrow/memory"
)

// fixed is the set of Go element types of the fixed-width Arrow columns
// Quiver uses (int16/int32/int64/float32/float64; date32 is int32 and
// timestamp[us] is int64).
type fixed interface {
	int16 | int32 | int64 | float32 | float64
}

// valuesOf returns the value slice of a fixed-width array (len = arr.Len()).
func valuesOf[T fixed](arr arrow.Array) []T {
	d := arr.Data()
	buf := d.Buffers()[1]
	if buf == nil || buf.Len() == 0 {
		return nil
	}
	return arrow.GetData[T](buf.Bytes())[d.Offset() : d.Offset()+d.Len()]
}

// fixedBuilder is a fixed-width array under construction: fill vals, then
// call finish.
type fixedBuilder[T fixed] struct {
	dt    arrow.DataType
	buf   *memory.Buffer
	vals  []T
	valid *memory.Buffer
	nulls int
}

func newFixedBuilder[T fixed](alloc memory.Allocator, dt arrow.DataType, n int) *fixedBuilder[T] {
	var zero T
	buf := memory.NewResizableBuffer(alloc)
	buf.Resize(n * int(unsafe.Sizeof(zero)))
	vals := arrow.GetData[T](buf.Bytes())[:n]
	return &fixedBuilder[T]{dt: dt, buf: buf, vals: vals}
}

// finish returns the array; the builder hands over its buffers.
func (f *fixedBuilder[T]) finish() arrow.Array {
	data := array.NewData(f.dt, len(f.vals), []*memory.Buffer{f.valid, f.buf}, nil, f.nulls, 0)
	arr := array.MakeFromData(data)
	data.Release()
	f.buf.Release()
	if f.valid != nil {
		f.valid.Release()
	}
	return arr
}

// validityOf returns the validity bitmap bytes of arr and its offset, or
// nil when arr has no nulls.
func validityOf(arr arrow.Array) []byte {
	if arr.NullN() == 0 {
		return nil
	}
	return arr.NullBitmapBytes()
}

// andValidity returns a new validity bitmap (offset 0) that is the AND of
// the validity of arrs, and its null count; nil, 0 when no input has
// nulls.
func andValidity(alloc memory.Allocator, n int, arrs ...arrow.Array) (*memory.Buffer, int) {
	var out *memory.Buffer
	for _, a := range arrs {
		if a.NullN() == 0 {
			continue
		}
		if a.DataType().ID() == arrow.NULL {
			return allNullBitmap(alloc, n), n
		}
		bits := a.NullBitmapBytes()
		off := int64(a.Data().Offset())
		if out == nil {
			out = memory.NewResizableBuffer(alloc)
			out.Resize(int(bitutil.BytesForBits(int64(n))))
			bitutil.CopyBitmap(bits, int(off), n, out.Bytes(), 0)
			continue
		}
		bitutil.BitmapAnd(out.Bytes(), bits, 0, off, out.Bytes(), 0, int64(n))
	}
	if out == nil {
		return nil, 0
	}
	return out, n - bitutil.CountSetBits(out.Bytes(), 0, n)
}

func allNullBitmap(alloc memory.Allocator, n int) *memory.Buffer {
	out := memory.NewResizableBuffer(alloc)
	out.Resize(int(bitutil.BytesForBits(int64(n))))
	memory.Set(out.Bytes(), 0)
	return out
}

// validAt reports whether row i of a validity bitmap returned by
// andValidity is set (nil: every row valid).
func validAt(v *memory.Buffer, i int) bool {
	return v == nil || bitutil.BitIsSet(v.Bytes(), i)
}

// boolBuilder builds a boolean array from values set row by row.
type boolBuilder struct {
	bits  *memory.Buffer
	valid *memory.Buffer
	nulls int
	n     int
}

func newBoolBuilder(alloc memory.Allocator, n int) *boolBuilder {
	bits := memory.NewResizableBuffer(alloc)
	bits.Resize(int(bitutil.BytesForBits(int64(n))))
	memory.Set(bits.Bytes(), 0)
	return &boolBuilder{bits: bits, n: n}
}

// setNull marks row i NULL; it allocates the validity bitmap on first use.
func (b *boolBuilder) setNull(alloc memory.Allocator, i int) {
	if b.valid == nil {
		b.valid = memory.NewResizableBuffer(alloc)
		b.valid.Resize(int(bitutil.BytesForBits(int64(b.n))))
		memory.Set(b.valid.Bytes(), 0xff)
	}
	if bitutil.BitIsSet(b.valid.Bytes(), i) {
		bitutil.ClearBit(b.valid.Bytes(), i)
		b.nulls++
	}
}

func (b *boolBuilder) finish() arrow.Array {
	data := array.NewData(arrow.FixedWidthTypes.Boolean, b.n, []*memory.Buffer{b.valid, b.bits}, nil, b.nulls, 0)
	arr := array.MakeFromData(data)
	data.Release()
	b.bits.Release()
	if b.valid != nil {
		b.valid.Release()
	}
	return arr
}
