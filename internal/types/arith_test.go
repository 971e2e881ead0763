package types

import (
	"math"
	"math/big"
	"math/rand"
	"testing"
)

// arithCases are PostgreSQL 15's answers to select 'a'::t op 'b'::t.
var arithCases = []struct {
	typ, op, a, b, out, code string
}{
	{"int2", "+", "32767", "1", "", "22003"},
	{"int2", "-", "-32768", "1", "", "22003"},
	{"int2", "*", "200", "200", "", "22003"},
	{"int2", "/", "-32768", "-1", "", "22003"},
	{"int2", "%", "-32768", "-1", "0", ""},
	{"int2", "/", "7", "0", "", "22012"},
	{"int4", "+", "2147483647", "1", "", "22003"},
	{"int4", "-", "-2147483648", "1", "", "22003"},
	{"int4", "*", "65536", "32768", "", "22003"},
	{"int4", "*", "-65536", "32768", "-2147483648", ""},
	{"int4", "/", "-2147483648", "-1", "", "22003"},
	{"int4", "%", "-2147483648", "-1", "0", ""},
	{"int4", "/", "-7", "2", "-3", ""},
	{"int4", "%", "-7", "2", "-1", ""},
	{"int4", "%", "7", "-2", "1", ""},
	{"int4", "%", "7", "0", "", "22012"},
	{"int4", "/", "0", "0", "", "22012"},
	{"int8", "+", "9223372036854775807", "1", "", "22003"},
	{"int8", "-", "-9223372036854775808", "1", "", "22003"},
	{"int8", "*", "-9223372036854775808", "-1", "", "22003"},
	{"int8", "*", "-1", "-9223372036854775808", "", "22003"},
	{"int8", "*", "4294967296", "4294967296", "", "22003"},
	{"int8", "*", "3037000499", "3037000499", "9223372030926249001", ""},
	{"int8", "/", "-9223372036854775808", "-1", "", "22003"},
	{"int8", "%", "-9223372036854775808", "-1", "0", ""},
	{"int8", "/", "-9223372036854775807", "10", "-922337203685477580", ""},
	{"float8", "+", "1e308", "1e308", "", "22003"},
	{"float8", "*", "1e308", "10", "", "22003"},
	{"float8", "*", "1e-308", "1e-308", "", "22003"},
	{"float8", "/", "1", "0", "", "22012"},
	{"float8", "/", "nan", "0", "NaN", ""},
	{"float8", "/", "0", "0", "", "22012"},
	{"float8", "/", "1", "1e-310", "", "22003"},
	{"float8", "/", "1e-310", "1e10", "1e-320", ""},
	{"float8", "+", "0.1", "0.2", "0.30000000000000004", ""},
	{"float8", "-", "inf", "inf", "NaN", ""},
	{"float8", "*", "inf", "0", "NaN", ""},
	{"float8", "%", "5", "2", "", "42883"},
	{"float8", "/", "1", "3", "0.3333333333333333", ""},
	{"float4", "+", "3e38", "3e38", "", "22003"},
	{"float4", "*", "1e-30", "1e-30", "", "22003"},
	{"float4", "/", "1", "3", "0.33333334", ""},
	{"float4", "+", "0.1", "0.2", "0.3", ""},
	{"float4", "/", "1", "0", "", "22012"},
	{"numeric", "/", "1", "3", "0.33333333333333333333", ""},
	{"numeric", "/", "10", "4", "2.5000000000000000", ""},
	{"numeric", "%", "1.5", "0.7", "0.1", ""},
	{"numeric", "%", "-7", "3", "-1", ""},
	{"numeric", "/", "1e20", "7", "14285714285714285714", ""},
	{"numeric", "/", "0.001", "7", "0.00014285714285714286", ""},
	{"numeric", "/", "nan", "0", "NaN", ""},
	{"numeric", "+", "inf", "-inf", "NaN", ""},
	{"numeric", "/", "5", "inf", "0", ""},
	{"numeric", "/", "1", "0", "", "22012"},
	{"numeric", "%", "1", "0", "", "22012"},
	{"numeric", "+", "1.50", "2.125", "3.625", ""},
	{"numeric", "-", "1.5", "1.50", "0.00", ""},
	{"numeric", "*", "1.50", "2.125", "3.18750", ""},
	{"numeric", "*", "-0.5", "0", "0.0", ""},
	{"numeric", "/", "2", "3", "0.66666666666666666667", ""},
	{"numeric", "/", "123456789", "0.001", "123456789000.00000000", ""},
	{"numeric", "/", "0.000001", "3", "0.000000333333333333333333", ""},
	{"numeric", "/", "-1", "7", "-0.14285714285714285714", ""},
	{"numeric", "/", "1.00000", "3.0", "0.33333333333333333333", ""},
	{"numeric", "/", "99999", "100001", "0.99998000019999800002", ""},
	{"numeric", "/", "10000", "3", "3333.3333333333333333", ""},
	{"numeric", "/", "0", "5", "0.00000000000000000000", ""},
	{"numeric", "/", "12345.678", "0.0002", "61728390.000000000000", ""},
	{"numeric", "/", "-5.5", "2", "-2.7500000000000000", ""},
	{"numeric", "*", "inf", "0", "NaN", ""},
	{"numeric", "*", "-inf", "-2", "Infinity", ""},
	{"numeric", "/", "inf", "0", "", "22012"},
	{"numeric", "/", "inf", "-2", "-Infinity", ""},
	{"numeric", "%", "inf", "3", "NaN", ""},
	{"numeric", "%", "5", "-inf", "5", ""},
	{"numeric", "-", "inf", "inf", "NaN", ""},
	{"numeric", "%", "7.25", "-2", "1.25", ""},
	{"numeric", "/", "2", "0.5", "4.0000000000000000", ""},
	{"numeric", "/", "1", "81", "0.01234567901234567901", ""},
	{"numeric", "/", "0.5", "9999", "0.000050005000500050005001", ""},
	{"text", "||", "ab", "cd", "abcd", ""},
}

func TestArithAgainstPostgres(t *testing.T) {
	for _, tc := range arithCases {
		typ := mustType(t, tc.typ)
		a, b := mustParse(t, typ, tc.a), mustParse(t, typ, tc.b)
		r, err := Arith(tc.op, typ, a, b)
		if got := codeOf(err); got != tc.code {
			t.Errorf("%s %s %s (%s): error %v, want code %q", tc.a, tc.op, tc.b, typ, err, tc.code)
			continue
		}
		if err == nil && FormatText(typ, r) != tc.out {
			t.Errorf("%s %s %s (%s) = %q, want %q", tc.a, tc.op, tc.b, typ, FormatText(typ, r), tc.out)
		}
	}
}

func TestArithErrorMessages(t *testing.T) {
	tests := []struct {
		typ, op, a, b, msg string
	}{
		{"int2", "+", "32767", "1", "smallint out of range"},
		{"int4", "*", "65536", "32768", "integer out of range"},
		{"int8", "/", "-9223372036854775808", "-1", "bigint out of range"},
		{"int4", "/", "1", "0", "division by zero"},
		{"float8", "*", "1e308", "10", "value out of range: overflow"},
		{"float8", "*", "1e-308", "1e-308", "value out of range: underflow"},
		{"float8", "%", "1", "2", "operator does not exist: double precision % double precision"},
	}
	for _, tc := range tests {
		typ := mustType(t, tc.typ)
		_, err := Arith(tc.op, typ, mustParse(t, typ, tc.a), mustParse(t, typ, tc.b))
		if err == nil || err.Error() != tc.msg {
			t.Errorf("%s %s %s: %v, want %q", tc.a, tc.op, tc.b, err, tc.msg)
		}
	}
}

// TestIntArithAgainstBigInt checks the overflow detection of integer
// arithmetic against math/big.
func TestIntArithAgainstBigInt(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	edge := []int64{0, 1, -1, 2, -2, math.MaxInt64, math.MinInt64, math.MaxInt32, math.MinInt32, math.MaxInt16, math.MinInt16}
	pick := func() int64 {
		if rng.Intn(3) == 0 {
			return edge[rng.Intn(len(edge))]
		}
		return rng.Int63() >> uint(rng.Intn(64)) * int64(1-2*rng.Intn(2))
	}
	for i := 0; i < 20000; i++ {
		typ := []T{Int2Type, Int4Type, Int8Type}[rng.Intn(3)]
		lo, hi := intBounds(typ)
		a, b := max(lo, min(hi, pick())), max(lo, min(hi, pick()))
		op := []string{"+", "-", "*", "/", "%"}[rng.Intn(5)]
		got, err := Arith(op, typ, a, b)
		want, wantErr := bigArith(op, a, b, lo, hi)
		if wantErr != codeOf(err) || (err == nil && got.(int64) != want) {
			t.Fatalf("%d %s %d (%s) = %v, %v; want %d, %q", a, op, b, typ, got, err, want, wantErr)
		}
	}
}

func bigArith(op string, a, b, lo, hi int64) (int64, string) {
	x, y, r := big.NewInt(a), big.NewInt(b), new(big.Int)
	if (op == "/" || op == "%") && b == 0 {
		return 0, "22012"
	}
	switch op {
	case "+":
		r.Add(x, y)
	case "-":
		r.Sub(x, y)
	case "*":
		r.Mul(x, y)
	case "/":
		r.Quo(x, y)
	case "%":
		r.Rem(x, y)
	}
	if !r.IsInt64() || r.Int64() < lo || r.Int64() > hi {
		return 0, "22003"
	}
	return r.Int64(), ""
}

func TestNegate(t *testing.T) {
	tests := []struct {
		typ, in, out, code string
	}{
		{"int2", "-32768", "", "22003"},
		{"int4", "5", "-5", ""},
		{"int8", "-9223372036854775808", "", "22003"},
		{"float8", "0", "-0", ""},
		{"numeric", "0.00", "0.00", ""},
		{"numeric", "1.50", "-1.50", ""},
		{"numeric", "-Infinity", "Infinity", ""},
		{"numeric", "NaN", "NaN", ""},
	}
	for _, tc := range tests {
		typ := mustType(t, tc.typ)
		r, err := Negate(typ, mustParse(t, typ, tc.in))
		if codeOf(err) != tc.code || (err == nil && FormatText(typ, r) != tc.out) {
			t.Errorf("Negate(%s %s) = %v, %v; want %q %q", tc.typ, tc.in, r, err, tc.out, tc.code)
		}
	}
}

func TestDateArith(t *testing.T) {
	d := mustParse(t, DateType, "2024-02-28").(Date)
	if r, err := DateAddDays(d, 2); err != nil || FormatText(DateType, r) != "2024-03-01" {
		t.Fatalf("2024-02-28 + 2 = %v, %v", FormatText(DateType, r), err)
	}
	if r, _ := DateAddDays(DateInfinity, -5); r != DateInfinity {
		t.Fatalf("infinity - 5 = %v", r)
	}
	if _, err := DateAddDays(Date(maxDateDays), 1); codeOf(err) != "22008" {
		t.Fatalf("max date + 1: %v", err)
	}
	e := mustParse(t, DateType, "2023-02-28")
	if r, err := Arith("-", DateType, d, e); err != nil || r.(int64) != 365 {
		t.Fatalf("date - date = %v, %v", r, err)
	}
}
