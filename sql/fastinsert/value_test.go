package fastinsert

import "testing"

func TestValue(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Value
		ok   bool
		rest string
	}{
		{"'x''y',", Value{Kind: String, Text: "x'y", Pos: 1}, true, ","},
		{"$7)", Value{Kind: Param, Param: 7, Pos: 1}, true, ")"},
		{"-12", Value{Kind: Integer, Text: "-12", Pos: 1}, true, ""},
		{"- /*x*/ 12", Value{Kind: Integer, Text: "-12", Pos: 1}, true, ""},
		{"+12", Value{Kind: Integer, Text: "12", Pos: 1}, true, ""},
		{"-1.5e3", Value{Kind: Decimal, Text: "-1.5e3", Pos: 1}, true, ""},
		{"NuLL", Value{Kind: Null, Pos: 1}, true, ""},
		{"DEFAULT", Value{Kind: Default, Pos: 1}, true, ""},
		{"true", Value{Kind: Bool, Bool: true, Text: "true", Pos: 1}, true, ""},
		{"FALSE", Value{Kind: Bool, Text: "false", Pos: 1}, true, ""},
		{"- -1", Value{}, false, ""},
		{"-$1", Value{}, false, ""},
		{"$0", Value{}, false, ""},
		{"$", Value{}, false, ""},
		{"nullx", Value{}, false, ""},
		{"E'x'", Value{}, false, ""},
		{"(1)", Value{}, false, ""},
	} {
		s, _ := makeScanner(tc.in)
		p := parser{s: s}
		var got Value
		ok := p.value(&got)
		if ok != tc.ok || (ok && (got != tc.want || tc.in[p.s.i:] != tc.rest)) {
			t.Errorf("value(%q) = %+v, %v rest %q", tc.in, got, ok, tc.in[p.s.i:])
		}
	}
}
