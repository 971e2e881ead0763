package logictest

import "testing"

func TestFormatValue(t *testing.T) {
	const oidFloat8, oidInt4, oidText = 701, 23, 25
	tests := []struct {
		typ  byte
		oid  uint32
		raw  []byte
		want string
	}{
		{'I', oidInt4, nil, "NULL"},
		{'T', oidText, nil, "NULL"},
		{'I', oidInt4, []byte("-42"), "-42"},
		{'I', oidNumeric, []byte("12.9"), "12"},
		{'I', oidNumeric, []byte("-12.9"), "-12"},
		{'I', oidNumeric, []byte("-0.5"), "0"},
		{'I', oidFloat8, []byte("1e+06"), "1000000"},
		{'I', oidText, []byte("abc"), "abc"},
		{'R', oidFloat8, []byte("1.5"), "1.500"},
		{'R', oidFloat8, []byte("1e+20"), "100000000000000000000.000"},
		{'R', oidInt4, []byte("7"), "7.000"},
		{'R', oidNumeric, []byte("2.0005"), "2.001"},
		{'R', oidNumeric, []byte("-2.0005"), "-2.001"},
		{'R', oidNumeric, []byte("9.9996"), "10.000"},
		{'R', oidNumeric, []byte("-0.0001"), "0.000"},
		{'R', oidNumeric, []byte("123456789012345678901.2344"), "123456789012345678901.234"},
		{'R', oidNumeric, []byte("NaN"), "NaN"},
		{'R', oidFloat8, []byte("-Infinity"), "-Infinity"},
		{'T', oidText, []byte(""), "(empty)"},
		{'T', oidText, []byte("a\tb\nc"), "a@b@c"},
		{'T', oidText, []byte("héllo wörld"), "héllo wörld"},
		{'B', 16, []byte("t"), "t"},
	}
	for _, tc := range tests {
		if got := FormatValue(tc.typ, tc.oid, tc.raw); got != tc.want {
			t.Errorf("FormatValue(%c, %d, %q) = %q, want %q", tc.typ, tc.oid, tc.raw, got, tc.want)
		}
	}
}
