package types

import (
	"math"
	"math/rand"
	"strconv"
	"testing"
	"time"

	"github.com/cockroachdb/apd/v3"
)

func TestAppendTextValues(t *testing.T) {
	tests := []struct {
		typ  T
		d    Datum
		want string
	}{
		{Int4Type, int64(-42), "-42"},
		{Int8Type, int64(math.MinInt64), "-9223372036854775808"},
		{BoolType, true, "t"},
		{BoolType, false, "f"},
		{Float8Type, 1e20, "1e+20"},
		{Float8Type, 1e15, "1e+15"},
		{Float8Type, 123456789012345.0, "123456789012345"},
		{Float8Type, 0.1, "0.1"},
		{Float8Type, 100000.0, "100000"},
		{Float8Type, 0.00012, "0.00012"},
		{Float8Type, 0.000012, "1.2e-05"},
		{Float8Type, math.NaN(), "NaN"},
		{Float8Type, math.Inf(-1), "-Infinity"},
		{Float8Type, math.Copysign(0, -1), "-0"},
		{Float4Type, float64(float32(0.1)), "0.1"},
		{Float4Type, 123456.0, "123456"},
		{Float4Type, 1234567.0, "1.234567e+06"},
		{NumericType, apd.New(150, -2), "1.50"},
		{NumericType, apd.New(-5, -3), "-0.005"},
		{NumericType, apd.New(12, 2), "1200"},
		{NumericType, apd.New(0, -2), "0.00"},
		{NumericType, &apd.Decimal{Negative: true}, "0"},
		{NumericType, decNaN, "NaN"},
		{NumericType, decNegInf, "-Infinity"},
		{TextType, "a b", "a b"},
		{DateType, Date(0), "1970-01-01"},
		{DateType, Date(-719528), "0001-01-01 BC"},
		{DateType, DateInfinity, "infinity"},
		{TimestampType, Timestamp(1_500_000), "1970-01-01 00:00:01.5"},
		{TimestampType, Timestamp(-1), "1969-12-31 23:59:59.999999"},
		{TimestampTZType, Timestamp(0), "1970-01-01 00:00:00+00"},
		{TimestampTZType, TimestampNegInfinity, "-infinity"},
	}
	for _, tc := range tests {
		if got := FormatText(tc.typ, tc.d); got != tc.want {
			t.Errorf("FormatText(%s, %v) = %q, want %q", tc.typ, tc.d, got, tc.want)
		}
	}
}

// TestFloatTextRoundTrip checks shortest output against a naive
// reference: it must parse back to the same bits and agree with strconv's
// shortest digits.
func TestFloatTextRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 20000; i++ {
		f := math.Float64frombits(rng.Uint64())
		if math.IsNaN(f) {
			continue
		}
		checkFloatRoundTrip(t, Float8Type, f, 64)
		checkFloatRoundTrip(t, Float4Type, float64(float32(f)), 32)
		checkFloatRoundTrip(t, Float8Type, float64(rng.Int63n(1e17))/math.Pow10(rng.Intn(20)), 64)
	}
}

func checkFloatRoundTrip(t *testing.T, typ T, f float64, bits int) {
	t.Helper()
	s := FormatText(typ, f)
	d, err := ParseText(typ, s)
	if err != nil {
		t.Fatalf("%v printed as %q which does not parse: %v", f, s, err)
	}
	if math.Float64bits(d.(float64)) != math.Float64bits(f) {
		t.Fatalf("%v printed as %q parses back as %v", f, s, d)
	}
	ref, _ := strconv.ParseFloat(strconv.FormatFloat(f, 'g', -1, bits), bits)
	if ref != d.(float64) {
		t.Fatalf("%q disagrees with strconv", s)
	}
}

func TestNumericTextRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	for i := 0; i < 5000; i++ {
		d := apd.New(rng.Int63()>>uint(rng.Intn(63)), -int32(rng.Intn(30)))
		d.Negative = rng.Intn(2) == 0 && d.Coeff.Sign() != 0
		s := FormatText(NumericType, d)
		back := mustParse(t, NumericType, s)
		if back.(*Decimal).Cmp(d) != 0 || FormatText(NumericType, back) != s {
			t.Fatalf("%s round-tripped to %s", s, FormatText(NumericType, back))
		}
	}
}

func TestDateTimeTextRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	for i := 0; i < 5000; i++ {
		day := Date(minDateDays + rng.Int63n(maxDateDays-minDateDays+1))
		if got := mustParse(t, DateType, FormatText(DateType, day)); got != day {
			t.Fatalf("date %d printed %q parsed %d", day, FormatText(DateType, day), got)
		}
		ts := Timestamp(minTimestamp + int64(rng.Uint64()%uint64(uint64(endTimestamp)+uint64(-minTimestamp))))
		for _, typ := range []T{TimestampType, TimestampTZType} {
			if got := mustParse(t, typ, FormatText(typ, ts)); got != ts {
				t.Fatalf("%s %d printed %q parsed %d", typ, ts, FormatText(typ, ts), got)
			}
		}
	}
}

func TestCalendarAgainstTimePackage(t *testing.T) {
	rng := rand.New(rand.NewSource(4))
	for i := 0; i < 5000; i++ {
		days := rng.Int63n(4_000_000) - 2_000_000
		tm := time.Unix(days*86400, 0).UTC()
		y, m, d := civilFromDays(days)
		if y != int64(tm.Year()) || m != int64(tm.Month()) || d != int64(tm.Day()) {
			t.Fatalf("civilFromDays(%d) = %d-%d-%d, want %s", days, y, m, d, tm)
		}
		if back := daysFromCivil(y, m, d); back != days {
			t.Fatalf("daysFromCivil(%d-%d-%d) = %d, want %d", y, m, d, back, days)
		}
	}
}

func BenchmarkAppendText(b *testing.B) {
	cases := []struct {
		name string
		typ  T
		d    Datum
	}{
		{"type=int8", Int8Type, int64(-1234567890123)},
		{"type=float8", Float8Type, 12345.678901},
		{"type=float8/exp", Float8Type, 1.5e300},
		{"type=float4", Float4Type, float64(float32(3.14159))},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			buf := make([]byte, 0, 64)
			b.ReportAllocs()
			for b.Loop() {
				buf = AppendText(buf[:0], c.typ, c.d)
			}
		})
	}
}
