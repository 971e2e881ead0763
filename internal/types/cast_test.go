package types

import (
	"testing"
)

// castCases are PostgreSQL 15's answers to select 'v'::from::to.
var castCases = []struct {
	from, to, in, out, code, msg string
}{
	{"float8", "int4", "2.5", "2", "", ""},
	{"float8", "int4", "3.5", "4", "", ""},
	{"float8", "int4", "-2.5", "-2", "", ""},
	{"float8", "int4", "2147483647.4", "2147483647", "", ""},
	{"float8", "int4", "2147483647.5", "", "22003", "integer out of range"},
	{"float8", "int4", "nan", "", "22003", "integer out of range"},
	{"float8", "int2", "32767.5", "", "22003", "smallint out of range"},
	{"float8", "int8", "9.2233720368547758e18", "", "22003", "bigint out of range"},
	{"float8", "int8", "-9.2233720368547758e18", "-9223372036854775808", "", ""},
	{"float4", "int4", "2.5", "2", "", ""},
	{"numeric", "int4", "2.5", "3", "", ""},
	{"numeric", "int4", "-2.5", "-3", "", ""},
	{"numeric", "int4", "nan", "", "0A000", "cannot convert NaN to integer"},
	{"numeric", "int4", "inf", "", "0A000", "cannot convert infinity to integer"},
	{"numeric", "int8", "nan", "", "0A000", "cannot convert NaN to bigint"},
	{"numeric", "int2", "-inf", "", "0A000", "cannot convert infinity to smallint"},
	{"numeric", "int2", "32767.5", "", "22003", "smallint out of range"},
	{"numeric", "int8", "9223372036854775807.4", "9223372036854775807", "", ""},
	{"numeric", "int8", "9223372036854775807.5", "", "22003", "bigint out of range"},
	{"int8", "int4", "2147483648", "", "22003", "integer out of range"},
	{"int8", "int2", "-32769", "", "22003", "smallint out of range"},
	{"int4", "int2", "-32768", "-32768", "", ""},
	{"int4", "bool", "0", "f", "", ""},
	{"int4", "bool", "-5", "t", "", ""},
	{"int8", "bool", "1", "", "42846", "cannot cast type bigint to boolean"},
	{"int2", "bool", "1", "", "42846", "cannot cast type smallint to boolean"},
	{"bool", "int4", "true", "1", "", ""},
	{"bool", "int8", "true", "", "42846", "cannot cast type boolean to bigint"},
	{"bool", "text", "true", "true", "", ""},
	{"bool", "varchar", "false", "false", "", ""},
	{"bool", "varchar(2)", "false", "fa", "", ""},
	{"int4", "float4", "16777217", "1.6777216e+07", "", ""},
	{"int8", "float8", "9223372036854775807", "9.223372036854776e+18", "", ""},
	{"int4", "numeric", "-12", "-12", "", ""},
	{"int4", "numeric(3,1)", "99", "99.0", "", ""},
	{"int4", "numeric(3,1)", "100", "", "22003", "numeric field overflow"},
	{"float8", "numeric", "0.1", "0.1", "", ""},
	{"float8", "numeric", "1e20", "100000000000000000000", "", ""},
	{"float8", "numeric", "1e-10", "0.0000000001", "", ""},
	{"float8", "numeric", "nan", "NaN", "", ""},
	{"float8", "numeric", "-inf", "-Infinity", "", ""},
	{"float8", "numeric", "123456789.123456789", "123456789.123457", "", ""},
	{"float8", "numeric", "0.30000000000000004", "0.3", "", ""},
	{"float4", "numeric", "0.1", "0.1", "", ""},
	{"float4", "numeric", "3.1415927", "3.14159", "", ""},
	{"float8", "numeric(5,2)", "3.14159", "3.14", "", ""},
	{"float8", "float4", "1e300", "", "22003", "value out of range: overflow"},
	{"float8", "float4", "1e-300", "", "22003", "value out of range: underflow"},
	{"float8", "float4", "0.1", "0.1", "", ""},
	{"float4", "float8", "0.1", "0.10000000149011612", "", ""},
	{"numeric", "float8", "0.1", "0.1", "", ""},
	{"numeric", "float8", "1e400", "", "22003", "\"10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000\" is out of range for type double precision"},
	{"numeric", "float4", "1e39", "", "22003", "\"1000000000000000000000000000000000000000\" is out of range for type real"},
	{"numeric", "float8", "nan", "NaN", "", ""},
	{"numeric", "float4", "-inf", "-Infinity", "", ""},
	{"numeric", "numeric(4,1)", "12.34", "12.3", "", ""},
	{"numeric", "numeric(4,1)", "1234.5", "", "22003", "numeric field overflow"},
	{"text", "int4", " 12 ", "12", "", ""},
	{"text", "bool", "yes", "t", "", ""},
	{"text", "numeric(4,2)", "1.005", "1.01", "", ""},
	{"text", "varchar(2)", "hello", "he", "", ""},
	{"varchar(5)", "varchar(2)", "hello", "he", "", ""},
	{"text", "date", "2024-01-02", "2024-01-02", "", ""},
	{"int4", "text", "-42", "-42", "", ""},
	{"float8", "text", "1e20", "1e+20", "", ""},
	{"numeric", "text", "1.50", "1.50", "", ""},
	{"date", "text", "2024-01-02", "2024-01-02", "", ""},
	{"timestamptz", "text", "2024-01-02 03:04:05.5+02", "2024-01-02 01:04:05.5+00", "", ""},
	{"date", "timestamp", "2024-01-02", "2024-01-02 00:00:00", "", ""},
	{"date", "timestamptz", "infinity", "infinity", "", ""},
	{"timestamp", "date", "2024-01-02 23:59:59", "2024-01-02", "", ""},
	{"timestamp", "date", "0001-01-01 12:00 BC", "0001-01-01 BC", "", ""},
	{"timestamptz", "date", "-infinity", "-infinity", "", ""},
	{"timestamp", "timestamptz", "2024-01-02 03:04:05", "2024-01-02 03:04:05+00", "", ""},
	{"timestamptz", "timestamp", "2024-01-02 03:04:05+00", "2024-01-02 03:04:05", "", ""},
	{"date", "int4", "2024-01-02", "", "42846", "cannot cast type date to integer"},
	{"int4", "date", "1", "", "42846", "cannot cast type integer to date"},
	{"bool", "float8", "true", "", "42846", "cannot cast type boolean to double precision"},
	{"float8", "bool", "1", "", "42846", "cannot cast type double precision to boolean"},
	{"numeric", "bool", "1", "", "42846", "cannot cast type numeric to boolean"},
	{"date", "numeric", "2024-01-02", "", "42846", "cannot cast type date to numeric"},
	{"timestamp", "int8", "2024-01-02", "", "42846", "cannot cast type timestamp without time zone to bigint"},
	{"text", "int4", "abc", "", "22P02", "invalid input syntax for type integer: \"abc\""},
}

func TestCastAgainstPostgres(t *testing.T) {
	for _, tc := range castCases {
		from, to := mustType(t, tc.from), mustType(t, tc.to)
		d, err := Cast(mustParse(t, from, tc.in), from, to)
		if got := codeOf(err); got != tc.code {
			t.Errorf("%q::%s::%s: error %v, want code %q", tc.in, from, to, err, tc.code)
			continue
		}
		if err != nil {
			if tc.msg != "" && err.Error() != tc.msg {
				t.Errorf("%q::%s::%s: message %q, want %q", tc.in, from, to, err.Error(), tc.msg)
			}
			continue
		}
		if got := FormatText(to, d); got != tc.out {
			t.Errorf("%q::%s::%s = %q, want %q", tc.in, from, to, got, tc.out)
		}
	}
}

// TestCastEveryPair checks that every pair of families either converts
// or is refused with 42846, never panics, and that casting to text and
// back is the identity.
func TestCastEveryPair(t *testing.T) {
	samples := map[Family]string{
		BoolFamily: "true", Int2Family: "12", Int4Family: "12", Int8Family: "12",
		Float4Family: "1.5", Float8Family: "1.5", NumericFamily: "1.5", TextFamily: "12",
		VarcharFamily: "12", DateFamily: "2024-01-02", TimestampFamily: "2024-01-02 03:04:05",
		TimestampTZFamily: "2024-01-02 03:04:05+00",
	}
	for ff, in := range samples {
		from := T{Family: ff}
		d := mustParse(t, from, in)
		for tf := range samples {
			to := T{Family: tf}
			r, err := Cast(d, from, to)
			if err != nil && codeOf(err) != "42846" && codeOf(err) != "22P02" && codeOf(err) != "22007" {
				t.Errorf("%s -> %s: unexpected %v", from, to, err)
			}
			if err == nil && r == nil {
				t.Errorf("%s -> %s: nil datum", from, to)
			}
		}
		s, err := Cast(d, from, TextType)
		if err != nil {
			t.Fatalf("%s -> text: %v", from, err)
		}
		back, err := Cast(s, TextType, from)
		if err != nil || Compare(from, back, d) != 0 {
			t.Errorf("%s -> text -> %s: %v, %v", from, from, back, err)
		}
	}
}
