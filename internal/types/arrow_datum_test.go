package types

import (
	"math"
	"testing"

	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
)

func TestArrowRoundTrip(t *testing.T) {
	tests := []struct {
		typ   string
		datum []Datum
	}{
		{"bool", []Datum{true, nil, false}},
		{"int2", []Datum{int64(math.MinInt16), nil, int64(7)}},
		{"int4", []Datum{int64(math.MaxInt32), nil}},
		{"int8", []Datum{int64(math.MinInt64), int64(0), nil}},
		{"float4", []Datum{float64(float32(0.1)), nil, math.Inf(-1)}},
		{"float8", []Datum{0.1, nil, math.NaN()}},
		{"numeric", []Datum{"1.50", nil, "NaN", "-Infinity", "-0.001"}},
		{"text", []Datum{"", nil, "héllo"}},
		{"varchar(3)", []Datum{"abc", nil}},
		{"date", []Datum{Date(0), nil, DateInfinity}},
		{"timestamp", []Datum{Timestamp(-1), nil}},
		{"timestamptz", []Datum{TimestampInfinity, nil, Timestamp(123)}},
	}
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	for _, tc := range tests {
		typ := mustType(t, tc.typ)
		in := make([]Datum, len(tc.datum))
		for i, d := range tc.datum {
			if s, ok := d.(string); ok && typ.Family == NumericFamily {
				d = mustParse(t, typ, s)
			}
			in[i] = d
		}
		b := array.NewBuilder(mem, typ.ArrowType())
		for _, d := range in {
			AppendDatum(b, typ, d)
		}
		arr := b.NewArray()
		b.Release()
		if arr.Len() != len(in) {
			t.Fatalf("%s: %d rows, want %d", tc.typ, arr.Len(), len(in))
		}
		for i, want := range in {
			got := DatumAt(arr, typ, i)
			if (got == nil) != (want == nil) || (want != nil && Compare(typ, got, want) != 0) {
				t.Errorf("%s row %d: got %v, want %v", tc.typ, i, got, want)
			}
			if want != nil && FormatText(typ, got) != FormatText(typ, want) {
				t.Errorf("%s row %d: text %q, want %q", tc.typ, i, FormatText(typ, got), FormatText(typ, want))
			}
		}
		arr.Release()
	}
}
