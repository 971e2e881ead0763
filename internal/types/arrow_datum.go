package types

import (
	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
)

// AppendDatum appends d (nil for NULL) to a builder of t.ArrowType().
func AppendDatum(b array.Builder, t T, d Datum) {
	if d == nil {
		b.AppendNull()
		return
	}
	switch bb := b.(type) {
	case *array.BooleanBuilder:
		bb.Append(d.(bool))
	case *array.Int16Builder:
		bb.Append(int16(d.(int64)))
	case *array.Int32Builder:
		bb.Append(int32(d.(int64)))
	case *array.Int64Builder:
		bb.Append(d.(int64))
	case *array.Float32Builder:
		bb.Append(float32(d.(float64)))
	case *array.Float64Builder:
		bb.Append(d.(float64))
	case *array.StringBuilder:
		appendStringDatum(bb, t, d)
	case *array.Date32Builder:
		bb.Append(arrow.Date32(d.(Date)))
	case *array.TimestampBuilder:
		bb.Append(arrow.Timestamp(d.(Timestamp)))
	default:
		b.AppendNull()
	}
}

// appendStringDatum stores text as is and numeric as its canonical text.
func appendStringDatum(b *array.StringBuilder, t T, d Datum) {
	switch v := d.(type) {
	case string:
		b.Append(v)
	case *Decimal:
		var tmp [64]byte
		b.BinaryBuilder.Append(appendNumeric(tmp[:0], v))
	default:
		b.Append(FormatText(t, d))
	}
}

// DatumAt returns row i of arr (of t.ArrowType()) as a Datum, nil if NULL.
func DatumAt(arr arrow.Array, t T, i int) Datum {
	if arr.IsNull(i) {
		return nil
	}
	switch a := arr.(type) {
	case *array.Boolean:
		return a.Value(i)
	case *array.Int16:
		return int64(a.Value(i))
	case *array.Int32:
		return int64(a.Value(i))
	case *array.Int64:
		return a.Value(i)
	case *array.Float32:
		return float64(a.Value(i))
	case *array.Float64:
		return a.Value(i)
	case *array.String:
		return stringDatum(t, a.Value(i))
	case *array.Date32:
		return Date(a.Value(i))
	case *array.Timestamp:
		return Timestamp(a.Value(i))
	}
	return nil
}

// stringDatum turns a string cell into t's datum: numeric cells hold
// canonical text written by AppendDatum.
func stringDatum(t T, s string) Datum {
	if t.Family != NumericFamily {
		return s
	}
	d, err := parseNumeric(s)
	if err != nil {
		return decNaN // unreachable for cells written by AppendDatum
	}
	return d
}
