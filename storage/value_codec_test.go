package storage

import (
	"math"
	"math/rand"
	"testing"

	"github.com/quiverdb/quiver/internal/types"
)

func TestValueRoundTrip(t *testing.T) {
	ts := []types.T{types.BoolType, types.Int2Type, types.Int8Type, types.Float4Type, types.Float8Type,
		types.NumericType, types.TextType, types.DateType, types.TimestampTZType}
	ids := []uint32{2, 3, 4, 5, 6, 7, 8, 9, 300}
	vals := []types.Datum{true, int64(-7), int64(math.MaxInt64), float64(float32(2.5)), math.Inf(1),
		dec("-12.340"), "x\x00y", types.Date(19000), types.Timestamp(-5)}
	v, err := EncodeValue(nil, ids, vals, ts)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]types.Datum, len(ids))
	if err := DecodeValue(v, ids, ts, out); err != nil {
		t.Fatal(err)
	}
	for i := range vals {
		if !sameDatum(out[i], vals[i]) {
			t.Errorf("column %d: got %v, want %v", ids[i], out[i], vals[i])
		}
	}
}

func TestValueNullsAndUnknownColumns(t *testing.T) {
	ts := []types.T{types.Int4Type, types.TextType, types.Float8Type}
	v, err := EncodeValue(nil, []uint32{1, 2, 3}, []types.Datum{int64(1), nil, 2.5}, ts)
	if err != nil {
		t.Fatal(err)
	}
	// A reader that knows column 3 and a newer column 9 but not 1.
	out := []types.Datum{"stale", "stale"}
	if err := DecodeValue(v, []uint32{3, 9}, []types.T{types.Float8Type, types.TextType}, out); err != nil {
		t.Fatal(err)
	}
	if out[0] != 2.5 || out[1] != nil {
		t.Fatalf("got %v", out)
	}
	nullOnly, _ := EncodeValue(nil, []uint32{1}, []types.Datum{nil}, ts[:1])
	if len(nullOnly) != 0 {
		t.Fatalf("NULLs take space: %x", nullOnly)
	}
}

func TestValueRandomRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	for range 500 {
		n := 1 + rng.Intn(8)
		ids, vals, ts := make([]uint32, n), make([]types.Datum, n), make([]types.T, n)
		for i := range n {
			ids[i] = uint32(i*3 + 1)
			ts[i] = orderedTypes[rng.Intn(len(orderedTypes))]
			if rng.Intn(4) > 0 {
				vals[i] = randDatum(rng, ts[i])
			}
		}
		v, err := EncodeValue(nil, ids, vals, ts)
		if err != nil {
			t.Fatal(err)
		}
		out := make([]types.Datum, n)
		if err := DecodeValue(v, ids, ts, out); err != nil {
			t.Fatal(err)
		}
		for i := range vals {
			if !sameDatum(out[i], vals[i]) {
				t.Fatalf("%s: got %v, want %v", ts[i], out[i], vals[i])
			}
		}
	}
}

func TestValueCorrupt(t *testing.T) {
	v, _ := EncodeValue(nil, []uint32{1}, []types.Datum{"hello"}, []types.T{types.TextType})
	out := make([]types.Datum, 1)
	for cut := 1; cut < len(v); cut++ {
		if err := DecodeValue(v[:cut], []uint32{1}, []types.T{types.TextType}, out); err == nil {
			t.Errorf("truncated value %x decoded", v[:cut])
		}
	}
	if err := DecodeValue(v, []uint32{1}, []types.T{types.Int4Type}, out); err == nil {
		t.Error("text field decoded as int4")
	}
}
