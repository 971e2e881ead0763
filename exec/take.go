package exec

import (
	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/bitutil"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/quiverdb/quiver/internal/pgerror"
)

// takeArray returns a new array of arr's rows idx, in that order.
func takeArray(alloc memory.Allocator, arr arrow.Array, idx []int32) arrow.Array {
	switch arr.DataType().ID() {
	case arrow.INT16:
		return takeFixed[int16](alloc, arr, idx)
	case arrow.INT32, arrow.DATE32:
		return takeFixed[int32](alloc, arr, idx)
	case arrow.INT64, arrow.TIMESTAMP:
		return takeFixed[int64](alloc, arr, idx)
	case arrow.FLOAT32:
		return takeFixed[float32](alloc, arr, idx)
	case arrow.FLOAT64:
		return takeFixed[float64](alloc, arr, idx)
	case arrow.BOOL:
		return takeBool(alloc, arr.(*array.Boolean), idx)
	case arrow.STRING:
		return takeString(alloc, arr.(*array.String), idx)
	case arrow.NULL:
		return array.NewNull(len(idx))
	}
	return takeGeneric(alloc, arr, idx)
}

func takeFixed[T fixed](alloc memory.Allocator, arr arrow.Array, idx []int32) arrow.Array {
	src := valuesOf[T](arr)
	b := newFixedBuilder[T](alloc, arr.DataType(), len(idx))
	for i, j := range idx {
		b.vals[i] = src[j]
	}
	if arr.NullN() > 0 {
		b.valid, b.nulls = takeValidity(alloc, arr, idx)
	}
	return b.finish()
}

func takeValidity(alloc memory.Allocator, arr arrow.Array, idx []int32) (*memory.Buffer, int) {
	v := memory.NewResizableBuffer(alloc)
	v.Resize(int(bitutil.BytesForBits(int64(len(idx)))))
	memory.Set(v.Bytes(), 0)
	nulls := 0
	for i, j := range idx {
		if arr.IsValid(int(j)) {
			bitutil.SetBit(v.Bytes(), i)
		} else {
			nulls++
		}
	}
	return v, nulls
}

func takeBool(alloc memory.Allocator, arr *array.Boolean, idx []int32) arrow.Array {
	b := newBoolBuilder(alloc, len(idx))
	for i, j := range idx {
		if arr.IsNull(int(j)) {
			b.setNull(alloc, i)
		} else if arr.Value(int(j)) {
			bitutil.SetBit(b.bits.Bytes(), i)
		}
	}
	return b.finish()
}

func takeString(alloc memory.Allocator, arr *array.String, idx []int32) arrow.Array {
	b := array.NewStringBuilder(alloc)
	defer b.Release()
	b.Reserve(len(idx))
	size := 0
	for _, j := range idx {
		size += arr.ValueLen(int(j))
	}
	b.ReserveData(size)
	for _, j := range idx {
		if arr.IsNull(int(j)) {
			b.AppendNull()
		} else {
			b.Append(arr.Value(int(j)))
		}
	}
	return b.NewArray()
}

// takeGeneric handles any other Arrow type through array.Concatenate of
// one-row slices; Quiver's own types never reach it.
func takeGeneric(alloc memory.Allocator, arr arrow.Array, idx []int32) arrow.Array {
	if len(idx) == 0 {
		return array.MakeArrayOfNull(alloc, arr.DataType(), 0)
	}
	parts := make([]arrow.Array, len(idx))
	for i, j := range idx {
		parts[i] = array.NewSlice(arr, int64(j), int64(j)+1)
	}
	out, err := array.Concatenate(parts, alloc)
	for _, p := range parts {
		p.Release()
	}
	if err != nil {
		return array.MakeArrayOfNull(alloc, arr.DataType(), len(idx))
	}
	return out
}

// takeRecord returns a new record of rec's rows idx.
func takeRecord(alloc memory.Allocator, rec arrow.Record, idx []int32) arrow.Record {
	cols := make([]arrow.Array, rec.NumCols())
	for i := range cols {
		cols[i] = takeArray(alloc, rec.Column(i), idx)
	}
	return newRecord(rec.Schema(), cols, len(idx))
}

// concatRecords returns one record holding the rows of recs (which all
// have schema), retained by the caller.
func concatRecords(alloc memory.Allocator, schema *arrow.Schema, recs []arrow.Record) (arrow.Record, error) {
	if len(recs) == 1 {
		recs[0].Retain()
		return recs[0], nil
	}
	n := 0
	for _, r := range recs {
		n += int(r.NumRows())
	}
	cols := make([]arrow.Array, schema.NumFields())
	parts := make([]arrow.Array, len(recs))
	for c := range cols {
		for i, r := range recs {
			parts[i] = r.Column(c)
		}
		if len(parts) == 0 {
			cols[c] = array.MakeArrayOfNull(alloc, schema.Field(c).Type, 0)
			continue
		}
		col, err := array.Concatenate(parts, alloc)
		if err != nil {
			for _, done := range cols[:c] {
				done.Release()
			}
			return nil, pgerror.Wrapf(err, pgerror.InternalError, "concatenate")
		}
		cols[c] = col
	}
	return newRecord(schema, cols, n), nil
}
