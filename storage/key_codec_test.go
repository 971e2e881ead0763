package storage

import (
	"bytes"
	"math"
	"math/rand"
	"strconv"
	"testing"

	"github.com/cockroachdb/apd/v3"
	"github.com/quiverdb/quiver/internal/types"
)

func dec(s string) *apd.Decimal {
	d, _, err := apd.NewFromString(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestKeyRoundTrip(t *testing.T) {
	tests := []struct {
		typ  types.T
		in   types.Datum
		want types.Datum // nil: same as in
	}{
		{types.BoolType, true, nil},
		{types.BoolType, false, nil},
		{types.Int2Type, int64(-32768), nil},
		{types.Int4Type, int64(math.MaxInt32), nil},
		{types.Int8Type, int64(math.MinInt64), nil},
		{types.Int8Type, int64(0), nil},
		{types.Float4Type, float64(float32(1.5)), nil},
		{types.Float8Type, math.Inf(-1), nil},
		{types.Float8Type, math.Copysign(0, -1), 0.0},
		{types.TextType, "", nil},
		{types.TextType, "a\x00b\x00", nil},
		{types.VarcharType, "héllo", nil},
		{types.DateType, types.Date(-10000), nil},
		{types.TimestampType, types.Timestamp(1700000000000000), nil},
		{types.TimestampTZType, types.Timestamp(-1), nil},
		{types.NumericType, dec("123.450"), dec("123.45")},
		{types.NumericType, dec("-0.000123"), nil},
		{types.NumericType, dec("1E+5"), dec("100000")},
		{types.NumericType, dec("0"), nil},
		{types.NumericType, dec("NaN"), nil},
		{types.NumericType, dec("-Infinity"), nil},
		{types.T{Family: types.NumericFamily, Precision: 10, Scale: 3}, dec("1.5"), dec("1.500")},
		{types.T{Family: types.NumericFamily, Precision: 10, Scale: 2}, dec("0"), dec("0.00")},
	}
	for _, tc := range tests {
		key, err := EncodeKey(nil, 7, PrimaryIndexID, []types.Datum{tc.in, int64(5)}, []types.T{tc.typ, types.Int4Type})
		if err != nil {
			t.Fatalf("%s %v: %v", tc.typ, tc.in, err)
		}
		out := make([]types.Datum, 2)
		if err := DecodeKey(key, []types.T{tc.typ, types.Int4Type}, out); err != nil {
			t.Fatalf("%s %v: decode: %v", tc.typ, tc.in, err)
		}
		want := tc.want
		if want == nil {
			want = tc.in
		}
		if !sameDatum(out[0], want) || out[1] != int64(5) {
			t.Errorf("%s: got %v, %v; want %v, 5", tc.typ, out[0], out[1], want)
		}
	}
}

// sameDatum compares datums including numeric display scale.
func sameDatum(a, b types.Datum) bool {
	if da, ok := a.(*apd.Decimal); ok {
		db, ok := b.(*apd.Decimal)
		return ok && da.Text('f') == db.Text('f')
	}
	if fa, ok := a.(float64); ok && math.IsNaN(fa) {
		fb, ok := b.(float64)
		return ok && math.IsNaN(fb)
	}
	return a == b
}

func TestKeyCorrupt(t *testing.T) {
	for _, typ := range []types.T{types.Int8Type, types.TextType, types.NumericType, types.BoolType} {
		key, err := EncodeKey(nil, 1, 1, []types.Datum{randDatum(rand.New(rand.NewSource(1)), typ)}, []types.T{typ})
		if err != nil {
			t.Fatal(err)
		}
		out := make([]types.Datum, 1)
		for cut := tablePrefixLen; cut < len(key); cut++ {
			if err := DecodeKey(key[:cut], []types.T{typ}, out); err == nil {
				t.Errorf("%s: truncated key %x decoded", typ, key[:cut])
			}
		}
	}
}

func TestKeyEncodeWrongDatum(t *testing.T) {
	if _, err := EncodeKey(nil, 1, 1, []types.Datum{"x"}, []types.T{types.Int4Type}); err == nil {
		t.Fatal("expected an error encoding a string as int4")
	}
	if _, err := EncodeKey(nil, 1, 1, []types.Datum{nil}, []types.T{types.Int4Type}); err == nil {
		t.Fatal("expected an error encoding NULL")
	}
}

var orderedTypes = []types.T{
	types.BoolType, types.Int2Type, types.Int4Type, types.Int8Type, types.Float4Type,
	types.Float8Type, types.NumericType, types.TextType, types.DateType, types.TimestampType,
}

// TestKeyOrder checks that byte order of encoded keys is types.Compare
// order, and that equal values encode identically, on random values.
func TestKeyOrder(t *testing.T) {
	rng := rand.New(rand.NewSource(42))
	for _, typ := range orderedTypes {
		for range 2000 {
			a, b := randDatum(rng, typ), randDatum(rng, typ)
			ka, err := AppendKeyDatum(nil, typ, a)
			if err != nil {
				t.Fatal(err)
			}
			kb, err := AppendKeyDatum(nil, typ, b)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := bytes.Compare(ka, kb), types.Compare(typ, a, b); got != want {
				t.Fatalf("%s: %v vs %v: keys compare %d, values %d", typ, a, b, got, want)
			}
		}
	}
}

func randDatum(rng *rand.Rand, typ types.T) types.Datum {
	switch typ.Family {
	case types.BoolFamily:
		return rng.Intn(2) == 1
	case types.Int2Family:
		return int64(int16(rng.Intn(1 << 16)))
	case types.Int4Family:
		return int64(int32(rng.Uint32()))
	case types.Int8Family:
		return randInt64(rng)
	case types.Float4Family:
		return float64(float32(randFloat(rng)))
	case types.Float8Family:
		return randFloat(rng)
	case types.NumericFamily:
		return randNumeric(rng)
	case types.DateFamily:
		return types.Date(rng.Intn(200000) - 100000)
	case types.TimestampFamily, types.TimestampTZFamily:
		return types.Timestamp(randInt64(rng) / 1000)
	}
	return randString(rng)
}

func randInt64(rng *rand.Rand) int64 {
	switch rng.Intn(4) {
	case 0:
		return int64(rng.Intn(21) - 10)
	case 1:
		return int64(rng.Uint64())
	}
	return int64(rng.Intn(1<<20) - 1<<19)
}

func randFloat(rng *rand.Rand) float64 {
	specials := []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN(), 1, -1, math.MaxFloat64, math.SmallestNonzeroFloat64}
	if rng.Intn(5) == 0 {
		return specials[rng.Intn(len(specials))]
	}
	return (rng.Float64() - 0.5) * math.Pow(10, float64(rng.Intn(40)-20))
}

func randNumeric(rng *rand.Rand) *apd.Decimal {
	switch rng.Intn(12) {
	case 0:
		return dec("NaN")
	case 1:
		return dec("Infinity")
	case 2:
		return dec("-Infinity")
	case 3:
		return dec("0." + strconv.Itoa(rng.Intn(3)))
	}
	s := strconv.FormatInt(int64(rng.Intn(2000000)-1000000), 10)
	d := dec(s)
	d.Exponent = int32(rng.Intn(12) - 8)
	return d
}

func randString(rng *rand.Rand) string {
	alphabet := []byte{0, 1, 'a', 'b', 0xff, 'z'}
	b := make([]byte, rng.Intn(6))
	for i := range b {
		b[i] = alphabet[rng.Intn(len(alphabet))]
	}
	return string(b)
}

func TestNumericKeyText(t *testing.T) {
	tests := []struct {
		in    string
		scale int32
		want  string
	}{
		{"123.450", -1, "123.45"},
		{"0.00012", -1, "0.00012"},
		{"-5E+3", -1, "-5000"},
		{"12.5", 3, "12.500"},
		{"-0.5", 2, "-0.50"},
		{"0", 2, "0.00"},
		{"0", -1, "0"},
		{"100", 1, "100.0"},
		{"NaN", -1, "NaN"},
		{"Infinity", 2, "Infinity"},
	}
	for _, tc := range tests {
		typ := types.NumericType
		if tc.scale >= 0 {
			typ = types.T{Family: types.NumericFamily, Precision: 20, Scale: tc.scale}
		}
		key, err := AppendKeyNumeric(nil, dec(tc.in))
		if err != nil {
			t.Fatal(err)
		}
		got, rest, _, err := AppendKeyNumericText(nil, key, nil, typ)
		if err != nil || len(rest) != 0 {
			t.Fatalf("%s: %v (rest %x)", tc.in, err, rest)
		}
		if string(got) != tc.want {
			t.Errorf("%s scale %d: got %s, want %s", tc.in, tc.scale, got, tc.want)
		}
	}
}
