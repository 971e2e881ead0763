package sql

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/meta"
)

// checkFast compares fastParse with types.ParseText on s: when the fast
// path accepts s, the input function must accept it with the same value.
func checkFast(t *testing.T, typ types.T, s string) bool {
	t.Helper()
	got, ok := fastParse(typ, []byte(s), true /* utc */)
	if !ok {
		return false
	}
	want, err := types.ParseText(typ, s)
	if err != nil {
		t.Fatalf("%s %q: fast path accepted what the input function rejects: %v", typ, s, err)
	}
	if types.Compare(typ, got, want) != 0 {
		t.Fatalf("%s %q: fast path %v, input function %v", typ, s, got, want)
	}
	return true
}

func TestCopyFastParseExamples(t *testing.T) {
	tests := []struct {
		typ  types.T
		in   string
		fast bool
	}{
		{types.Int4Type, "123", true},
		{types.Int4Type, "-2147483648", true},
		{types.Int4Type, "2147483648", false},
		{types.Int2Type, "40000", false},
		{types.Int8Type, " 1", false},
		{types.Int8Type, "", false},
		{types.Float8Type, "22.90", true},
		{types.Float8Type, "-0.5", true},
		{types.Float8Type, "0", false},
		{types.Float8Type, "1e5", false},
		{types.Float8Type, "NaN", false},
		{types.TimestampTZType, "2024-01-01 00:00:00+00", true},
		{types.TimestampTZType, "2024-02-29T23:59:59.123456-05:30", true},
		{types.TimestampTZType, "2023-02-29 00:00:00+00", false},
		{types.TimestampTZType, "2024-01-01 24:00:00+00", false},
		{types.TimestampTZType, "2024-01-01 00:00:00.1234567+00", false},
		{types.TimestampTZType, "2024-01-01 00:00:00 UTC", false},
		{types.TimestampType, "2024-01-01 00:00:00", true},
		{types.TextType, "héllo", true},
	}
	for _, tc := range tests {
		if got := checkFast(t, tc.typ, tc.in); got != tc.fast {
			t.Errorf("%s %q: fast %v, want %v", tc.typ, tc.in, got, tc.fast)
		}
	}
}

// TestCopyFastParseRandom checks the fast paths against the input
// functions on random inputs near the accepted shapes.
func TestCopyFastParseRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	digits := func(n int) string {
		var sb strings.Builder
		for range n {
			sb.WriteByte(byte('0' + r.IntN(10)))
		}
		return sb.String()
	}
	mutate := func(s string) string {
		if s == "" || r.IntN(4) != 0 {
			return s
		}
		b := []byte(s)
		b[r.IntN(len(b))] = "0123456789-+:. TZe"[r.IntN(18)]
		return string(b)
	}
	accepted := 0
	for range 20000 {
		ints := []string{digits(1 + r.IntN(20)), "-" + digits(1+r.IntN(19))}
		for _, s := range ints {
			for _, typ := range []types.T{types.Int2Type, types.Int4Type, types.Int8Type} {
				if checkFast(t, typ, mutate(s)) {
					accepted++
				}
			}
		}
		f := digits(1+r.IntN(10)) + "." + digits(r.IntN(12))
		if r.IntN(2) == 0 {
			f = "-" + f
		}
		if checkFast(t, types.Float8Type, mutate(f)) {
			accepted++
		}
		ts := fmt.Sprintf("%04d-%02d-%02d%c%02d:%02d:%02d", 1+r.IntN(9999), r.IntN(14), r.IntN(33),
			" T"[r.IntN(2)], r.IntN(26), r.IntN(62), r.IntN(62))
		if r.IntN(2) == 0 {
			ts += "." + digits(1+r.IntN(7))
		}
		switch r.IntN(4) {
		case 0:
			ts += fmt.Sprintf("%c%02d", "+-"[r.IntN(2)], r.IntN(17))
		case 1:
			ts += fmt.Sprintf("%c%02d:%02d", "+-"[r.IntN(2)], r.IntN(17), r.IntN(61))
		}
		for _, typ := range []types.T{types.TimestampType, types.TimestampTZType} {
			if checkFast(t, typ, mutate(ts)) {
				accepted++
			}
		}
	}
	if accepted < 20000 {
		t.Fatalf("only %d inputs took a fast path", accepted)
	}
}

func TestCopySlotOf(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 1000 {
		key := make([]byte, r.IntN(40))
		for i := range key {
			key[i] = byte(r.IntN(256))
		}
		if got, want := copySlotOf(key), meta.SlotOf(key); got != want {
			t.Fatalf("%x: slot %d, want %d", key, got, want)
		}
	}
}
