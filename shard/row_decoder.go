package shard

import (
	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/quiverdb/quiver/exec"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/storage"
)

var errRowCorrupt = pgerror.New(pgerror.DataCorrupted, "shard: stored row does not match its table")

// rowDecoder appends stored rows to one Arrow builder per output column,
// without allocating per row.
type rowDecoder struct {
	plan     *scanPlan
	builders []array.Builder
	cols     []column
	// seen[out] is the row number that last set value column out.
	seen    []uint64
	row     uint64
	scratch []byte // unescaped key strings
	digits  []byte // numeric key digits
	text    []byte // numeric key text
	arrays  []arrow.Array
}

// column is one output column's typed builder.
type column struct {
	family types.Family
	t      types.T
	b      array.Builder
	i16    *array.Int16Builder
	i32    *array.Int32Builder
	i64    *array.Int64Builder
	f32    *array.Float32Builder
	f64    *array.Float64Builder
	bl     *array.BooleanBuilder
	str    *array.BinaryBuilder
	date   *array.Date32Builder
	ts     *array.TimestampBuilder
}

func newRowDecoder(plan *scanPlan, alloc memory.Allocator) *rowDecoder {
	d := &rowDecoder{plan: plan, seen: make([]uint64, len(plan.outTypes))}
	d.cols = make([]column, len(plan.outTypes))
	for i, t := range plan.outTypes {
		b := array.NewBuilder(alloc, t.ArrowType())
		b.Reserve(exec.BatchSize)
		d.cols[i] = newColumn(t, b)
	}
	d.arrays = make([]arrow.Array, len(plan.outTypes))
	return d
}

func newColumn(t types.T, b array.Builder) column {
	c := column{family: t.Family, t: t, b: b}
	switch bb := b.(type) {
	case *array.Int16Builder:
		c.i16 = bb
	case *array.Int32Builder:
		c.i32 = bb
	case *array.Int64Builder:
		c.i64 = bb
	case *array.Float32Builder:
		c.f32 = bb
	case *array.Float64Builder:
		c.f64 = bb
	case *array.BooleanBuilder:
		c.bl = bb
	case *array.StringBuilder:
		c.str = bb.BinaryBuilder
	case *array.Date32Builder:
		c.date = bb
	case *array.TimestampBuilder:
		c.ts = bb
	}
	return c
}

// decodeRow appends the row stored as tableKey=value.
func (d *rowDecoder) decodeRow(tableKey, value []byte) error {
	d.row++
	if len(tableKey) < 8 {
		return errRowCorrupt
	}
	if err := d.decodeKey(tableKey[8:]); err != nil {
		return err
	}
	return d.decodeValue(value)
}

func (d *rowDecoder) decodeKey(b []byte) error {
	p := d.plan
	for k := 0; k < p.keyStop; k++ {
		t := p.keyTypes[k]
		var err error
		if out := p.keyOut[k]; out >= 0 {
			b, err = d.appendKey(&d.cols[out], b)
		} else {
			b, err = storage.SkipKeyDatum(b, t)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (d *rowDecoder) appendKey(c *column, b []byte) ([]byte, error) {
	var v int64
	var err error
	switch c.family {
	case types.Int2Family:
		v, b, err = storage.DecodeKeyInt(b, 2)
		c.i16.Append(int16(v))
	case types.Int4Family:
		v, b, err = storage.DecodeKeyInt(b, 4)
		c.i32.Append(int32(v))
	case types.Int8Family:
		v, b, err = storage.DecodeKeyInt(b, 8)
		c.i64.Append(v)
	case types.DateFamily:
		v, b, err = storage.DecodeKeyInt(b, 4)
		c.date.Append(arrow.Date32(v))
	case types.TimestampFamily, types.TimestampTZFamily:
		v, b, err = storage.DecodeKeyInt(b, 8)
		c.ts.Append(arrow.Timestamp(v))
	case types.TextFamily, types.VarcharFamily:
		var s []byte
		s, b, d.scratch, err = storage.DecodeKeyBytes(b, d.scratch)
		c.str.Append(s)
	case types.NumericFamily:
		d.text, b, d.digits, err = storage.AppendKeyNumericText(d.text[:0], b, d.digits, c.t)
		c.str.Append(d.text)
	default:
		return d.appendKeyDatum(c, b)
	}
	return b, err
}

// appendKeyDatum is the slow path of the remaining key types.
func (d *rowDecoder) appendKeyDatum(c *column, b []byte) ([]byte, error) {
	v, rest, err := storage.DecodeKeyDatum(b, c.t)
	if err != nil {
		return nil, err
	}
	switch x := v.(type) {
	case bool:
		c.bl.Append(x)
	case float64:
		if c.f32 != nil {
			c.f32.Append(float32(x))
		} else {
			c.f64.Append(x)
		}
	default:
		return nil, errRowCorrupt
	}
	return rest, nil
}

func (d *rowDecoder) decodeValue(v []byte) error {
	p := d.plan
	found := 0
	for len(v) > 0 && found < len(p.valCols) {
		f, rest, err := storage.NextValueField(v)
		if err != nil {
			return err
		}
		v = rest
		out := p.valueOut(f.ID)
		if out < 0 {
			continue
		}
		if err := appendField(&d.cols[out], f); err != nil {
			return err
		}
		d.seen[out] = d.row
		found++
	}
	if found == len(p.valCols) {
		return nil
	}
	for _, out := range p.valCols {
		if d.seen[out] != d.row {
			d.cols[out].b.AppendNull()
		}
	}
	return nil
}

func appendField(c *column, f storage.ValueField) error {
	if f.Wire != storage.WireOf(c.t) {
		return errRowCorrupt
	}
	switch c.family {
	case types.Int2Family:
		c.i16.Append(int16(f.Int()))
	case types.Int4Family:
		c.i32.Append(int32(f.Int()))
	case types.Int8Family:
		c.i64.Append(f.Int())
	case types.Float4Family:
		c.f32.Append(f.Float32())
	case types.Float8Family:
		c.f64.Append(f.Float64())
	case types.BoolFamily:
		c.bl.Append(f.U != 0)
	case types.DateFamily:
		c.date.Append(arrow.Date32(f.Int()))
	case types.TimestampFamily, types.TimestampTZFamily:
		c.ts.Append(arrow.Timestamp(f.Int()))
	case types.TextFamily, types.VarcharFamily, types.NumericFamily:
		c.str.Append(f.Bytes)
	default:
		return errRowCorrupt
	}
	return nil
}

// record builds a record of the n rows decoded since the last call.
func (d *rowDecoder) record(schema *arrow.Schema, n int) arrow.Record {
	for out, src := range d.plan.alias {
		if src == out {
			d.arrays[out] = d.cols[out].b.NewArray()
		}
	}
	for out, src := range d.plan.alias {
		if src != out {
			d.arrays[out] = d.arrays[src]
			d.arrays[out].Retain()
		}
	}
	rec := array.NewRecord(schema, d.arrays, int64(n))
	for i, a := range d.arrays {
		a.Release()
		d.arrays[i] = nil
	}
	for i := range d.cols {
		d.cols[i].b.Reserve(exec.BatchSize)
	}
	return rec
}

func (d *rowDecoder) release() {
	for i := range d.cols {
		d.cols[i].b.Release()
	}
}
