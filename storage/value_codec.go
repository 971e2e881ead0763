package storage

import (
	"encoding/binary"
	"math"

	"github.com/cockroachdb/apd/v3"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
)

// Wire types of value fields (the low 3 bits of a field's tag).
const (
	WireVarint  uint8 = 0 // zigzag varint: ints, bools, dates, timestamps
	WireFixed64 uint8 = 1 // float8 bits, little endian
	WireBytes   uint8 = 2 // uvarint length, then bytes: text, numeric text
	WireFixed32 uint8 = 3 // float4 bits, little endian
)

var errValueCorrupt = pgerror.New(pgerror.DataCorrupted, "storage: malformed row value")

// EncodeValue appends a row's stored value: the non-key columns, each
// tagged with its column ID so columns can be added later; NULLs are
// omitted.
func EncodeValue(buf []byte, ids []uint32, vals []types.Datum, ts []types.T) ([]byte, error) {
	if len(ids) != len(vals) || len(vals) != len(ts) {
		return nil, pgerror.AssertionFailedf("EncodeValue: %d ids, %d values, %d types", len(ids), len(vals), len(ts))
	}
	for i, v := range vals {
		if v == nil {
			continue
		}
		var err error
		if buf, err = appendValueField(buf, ids[i], ts[i], v); err != nil {
			return nil, err
		}
	}
	return buf, nil
}

func appendValueField(buf []byte, id uint32, t types.T, d types.Datum) ([]byte, error) {
	switch t.Family {
	case types.BoolFamily:
		if v, ok := d.(bool); ok {
			return appendVarintField(buf, id, int64(boolByte(v))), nil
		}
	case types.Int2Family, types.Int4Family, types.Int8Family:
		if v, ok := d.(int64); ok {
			return appendVarintField(buf, id, v), nil
		}
	case types.Float4Family:
		if v, ok := d.(float64); ok {
			buf = appendTag(buf, id, WireFixed32)
			return binary.LittleEndian.AppendUint32(buf, math.Float32bits(float32(v))), nil
		}
	case types.Float8Family:
		if v, ok := d.(float64); ok {
			buf = appendTag(buf, id, WireFixed64)
			return binary.LittleEndian.AppendUint64(buf, math.Float64bits(v)), nil
		}
	case types.NumericFamily:
		if v, ok := d.(*apd.Decimal); ok {
			return appendBytesField(buf, id, numericText(v)), nil
		}
	case types.TextFamily, types.VarcharFamily, types.UnknownFamily:
		if v, ok := d.(string); ok {
			return appendBytesField(buf, id, v), nil
		}
	case types.DateFamily:
		if v, ok := d.(types.Date); ok {
			return appendVarintField(buf, id, int64(v)), nil
		}
	case types.TimestampFamily, types.TimestampTZFamily:
		if v, ok := d.(types.Timestamp); ok {
			return appendVarintField(buf, id, int64(v)), nil
		}
	}
	return nil, pgerror.AssertionFailedf("cannot encode %T as a value of type %s", d, t)
}

func appendTag(buf []byte, id uint32, wire uint8) []byte {
	return binary.AppendUvarint(buf, uint64(id)<<3|uint64(wire))
}

func appendVarintField(buf []byte, id uint32, v int64) []byte {
	return binary.AppendVarint(appendTag(buf, id, WireVarint), v)
}

func appendBytesField(buf []byte, id uint32, s string) []byte {
	buf = binary.AppendUvarint(appendTag(buf, id, WireBytes), uint64(len(s)))
	return append(buf, s...)
}

// numericText is PostgreSQL's text output of a numeric value.
func numericText(d *apd.Decimal) string {
	if d.Form == apd.Finite && d.IsZero() && d.Negative {
		c := *d
		c.Negative = false
		return c.Text('f')
	}
	if d.Form == apd.NaNSignaling {
		return "NaN"
	}
	return d.Text('f')
}

// DecodeValue decodes a row value into out[:len(ids)]: out[i] is the value
// of column ids[i] (of type ts[i]), nil when absent (NULL). Fields of
// other columns are skipped.
func DecodeValue(value []byte, ids []uint32, ts []types.T, out []types.Datum) error {
	if len(ts) != len(ids) || len(out) < len(ids) {
		return pgerror.AssertionFailedf("DecodeValue: %d ids, %d types, %d outputs", len(ids), len(ts), len(out))
	}
	clear(out[:len(ids)])
	for len(value) > 0 {
		f, rest, err := NextValueField(value)
		if err != nil {
			return err
		}
		value = rest
		for i, id := range ids {
			if id == f.ID {
				if out[i], err = f.Datum(ts[i]); err != nil {
					return err
				}
				break
			}
		}
	}
	return nil
}

// ValueField is one decoded field of a row value. It aliases the value.
type ValueField struct {
	ID   uint32
	Wire uint8
	// U holds a varint field's raw zigzag-decoded value as uint64 bits, or
	// a fixed field's bits.
	U uint64
	// Bytes is a WireBytes field's payload.
	Bytes []byte
}

// NextValueField reads the first field of b without allocating.
func NextValueField(b []byte) (ValueField, []byte, error) {
	tag, n := binary.Uvarint(b)
	if n <= 0 || tag>>3 > math.MaxUint32 {
		return ValueField{}, nil, errValueCorrupt
	}
	f := ValueField{ID: uint32(tag >> 3), Wire: uint8(tag & 7)}
	b = b[n:]
	switch f.Wire {
	case WireVarint:
		v, n := binary.Varint(b)
		if n <= 0 {
			return ValueField{}, nil, errValueCorrupt
		}
		f.U = uint64(v)
		return f, b[n:], nil
	case WireFixed64:
		if len(b) < 8 {
			return ValueField{}, nil, errValueCorrupt
		}
		f.U = binary.LittleEndian.Uint64(b)
		return f, b[8:], nil
	case WireFixed32:
		if len(b) < 4 {
			return ValueField{}, nil, errValueCorrupt
		}
		f.U = uint64(binary.LittleEndian.Uint32(b))
		return f, b[4:], nil
	case WireBytes:
		l, n := binary.Uvarint(b)
		if n <= 0 || uint64(len(b)-n) < l {
			return ValueField{}, nil, errValueCorrupt
		}
		f.Bytes = b[n : n+int(l)]
		return f, b[n+int(l):], nil
	}
	return ValueField{}, nil, errValueCorrupt
}

// Int returns a varint field's value.
func (f ValueField) Int() int64 { return int64(f.U) }

// Float64 returns a fixed64 field's value.
func (f ValueField) Float64() float64 { return math.Float64frombits(f.U) }

// Float32 returns a fixed32 field's value.
func (f ValueField) Float32() float32 { return math.Float32frombits(uint32(f.U)) }

// WireOf returns the wire type that columns of type t use.
func WireOf(t types.T) uint8 {
	switch t.Family {
	case types.Float4Family:
		return WireFixed32
	case types.Float8Family:
		return WireFixed64
	case types.NumericFamily, types.TextFamily, types.VarcharFamily, types.UnknownFamily:
		return WireBytes
	}
	return WireVarint
}

// Datum returns the field's value as a datum of type t.
func (f ValueField) Datum(t types.T) (types.Datum, error) {
	if f.Wire != WireOf(t) {
		return nil, errValueCorrupt
	}
	switch t.Family {
	case types.BoolFamily:
		return f.U != 0, nil
	case types.Int2Family, types.Int4Family, types.Int8Family:
		return f.Int(), nil
	case types.Float4Family:
		return float64(f.Float32()), nil
	case types.Float8Family:
		return f.Float64(), nil
	case types.NumericFamily:
		d, _, err := apd.NewFromString(string(f.Bytes))
		if err != nil {
			return nil, errValueCorrupt
		}
		return d, nil
	case types.DateFamily:
		return types.Date(f.Int()), nil
	case types.TimestampFamily, types.TimestampTZFamily:
		return types.Timestamp(f.Int()), nil
	}
	return string(f.Bytes), nil
}
