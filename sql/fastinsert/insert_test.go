package fastinsert

import "testing"

func TestIntClass(t *testing.T) {
	for _, tc := range []struct {
		text string
		want IntClass
	}{
		{"0", Int4}, {"-0", Int4}, {"2147483647", Int4}, {"-2147483647", Int4}, {"0002147483647", Int4},
		{"2147483648", Int8}, {"-2147483648", Int8}, {"9223372036854775807", Int8}, {"-9223372036854775808", Int8},
		{"9223372036854775808", NumericInt}, {"-9223372036854775809", NumericInt}, {"99999999999999999999", NumericInt},
	} {
		if got := (Value{Kind: Integer, Text: tc.text}).IntClass(); got != tc.want {
			t.Errorf("IntClass(%s) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

func TestInt4(t *testing.T) {
	for _, tc := range []struct {
		text string
		want int32
		ok   bool
	}{
		{"0", 0, true}, {"-0", 0, true}, {"007", 7, true}, {"-12", -12, true}, {"2147483647", 2147483647, true},
		{"-2147483647", -2147483647, true}, {"2147483648", 0, false}, {"-2147483648", 0, false},
		{"99999999999999999999", 0, false}, {"00000000002147483647", 2147483647, true}, {"", 0, false}, {"-", 0, false},
		{"+1", 0, false}, {"1.5", 0, false}, {"1e3", 0, false},
	} {
		if got, ok := (Value{Kind: Integer, Text: tc.text}).Int4(); got != tc.want || ok != tc.ok {
			t.Errorf("Int4(%s) = %d, %v, want %d, %v", tc.text, got, ok, tc.want, tc.ok)
		}
	}
}

func TestKindString(t *testing.T) {
	for k, want := range map[Kind]string{Null: "Null", Decimal: "Decimal", Param: "Param", Kind(42): "Kind(42)"} {
		if got := k.String(); got != want {
			t.Errorf("%d.String() = %q, want %q", uint8(k), got, want)
		}
	}
}
