package fastinsert

import (
	"strings"
	"testing"
)

func TestScannerNumber(t *testing.T) {
	for _, tc := range []struct {
		in, text string
		decimal  bool
		ok       bool
		rest     string
	}{
		{"123,", "123", false, true, ","},
		{"1.5)", "1.5", true, true, ")"},
		{".5", ".5", true, true, ""},
		{"5.", "5.", true, true, ""},
		{"5.e3", "5.e3", true, true, ""},
		{"1e10", "1e10", true, true, ""},
		{"1.5E-3 ", "1.5E-3", true, true, " "},
		{"2e+4", "2e+4", true, true, ""},
		{"0x10", "0", false, true, "x10"},
		{"1_000", "1", false, true, "_000"},
		{"1..2", "", false, false, ""},
		{"1e", "", false, false, ""},
		{"1e+", "", false, false, ""},
		{".", "", false, false, ""},
		{".e5", "", false, false, ""},
	} {
		s, _ := makeScanner(tc.in)
		text, decimal, ok := s.number()
		if ok != tc.ok || (ok && (text != tc.text || decimal != tc.decimal || tc.in[s.i:] != tc.rest)) {
			t.Errorf("number(%q) = %q, %v, %v rest %q", tc.in, text, decimal, ok, tc.in[s.i:])
		}
	}
}

func TestScannerSkipSpace(t *testing.T) {
	for _, tc := range []struct {
		in   string
		ok   bool
		rest string
	}{
		{" \t\n\r\fx", true, "x"},
		{"-- c\nx", true, "x"},
		{"-- c\rx", true, "x"},
		{"-- c", true, ""},
		{"/* a /* b */ c */x", true, "x"},
		{"/* a /* b */", false, ""},
		{"/*/ x", false, ""},
		{"- 1", true, "- 1"},
		{"/ 1", true, "/ 1"},
		{"\vx", true, "\vx"},
	} {
		s, _ := makeScanner(tc.in)
		ok := s.skipSpace()
		if ok != tc.ok || (ok && tc.in[s.i:] != tc.rest) {
			t.Errorf("skipSpace(%q) = %v rest %q", tc.in, ok, tc.in[s.i:])
		}
	}
}

func TestScannerQuoted(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"'abc'x", "abc", true},
		{"''", "", true},
		{"'it''s'", "it's", true},
		{"''''", "'", true},
		{"'a\\'", "a\\", true},
		{"'open", "", false},
		{"'open''", "", false},
		{"'é\n'", "é\n", true},
	} {
		s, _ := makeScanner(tc.in)
		got, ok := s.quoted('\'')
		if ok != tc.ok || got != tc.want {
			t.Errorf("quoted(%q) = %q, %v", tc.in, got, ok)
		}
	}
}

func TestScannerIdent(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"abc", "abc", true},
		{"AbC", "abc", true},
		{"a$1_", "a$1_", true},
		{`"AbC"`, "AbC", true},
		{`"a""b"`, `a"b`, true},
		{`""`, "", false},
		{"select", "", false},
		{"SELECT", "", false},
		{`"select"`, "select", true},
		{"name", "name", true},
		{"tablé", "", false},
		{"1a", "", false},
		{strings.Repeat("a", 63), strings.Repeat("a", 63), true},
		{strings.Repeat("a", 64), "", false},
	} {
		s, _ := makeScanner(tc.in)
		got, ok := s.ident()
		if ok != tc.ok || got != tc.want {
			t.Errorf("ident(%q) = %q, %v", tc.in, got, ok)
		}
	}
}

func TestMakeScanner(t *testing.T) {
	for _, tc := range []struct {
		in        string
		ok, ascii bool
	}{
		{"", true, true},
		{"INSERT INTO t VALUES (1)", true, true},
		{"'é'", true, false},
		{strings.Repeat("x", 17) + "é", true, false},
		{"a\x00b", false, false},
		{"'\xff'", false, false},
	} {
		s, ok := makeScanner(tc.in)
		if ok != tc.ok || (ok && s.ascii != tc.ascii) {
			t.Errorf("makeScanner(%q) = ascii %v, %v", tc.in, s.ascii, ok)
		}
	}
}
