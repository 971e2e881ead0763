package types

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/quiverdb/quiver/internal/pgerror"
)

// mustType parses the type spellings used in test tables: int4,
// numeric(4,2), varchar(3), ...
func mustType(t testing.TB, s string) T {
	t.Helper()
	base, mods, _ := strings.Cut(s, "(")
	families := map[string]Family{
		"bool": BoolFamily, "int2": Int2Family, "int4": Int4Family, "int8": Int8Family,
		"float4": Float4Family, "float8": Float8Family, "numeric": NumericFamily,
		"text": TextFamily, "varchar": VarcharFamily, "date": DateFamily,
		"timestamp": TimestampFamily, "timestamptz": TimestampTZFamily, "unknown": UnknownFamily,
	}
	f, ok := families[base]
	if !ok {
		t.Fatalf("unknown test type %q", s)
	}
	typ := T{Family: f}
	if mods != "" {
		var a, b int32
		if n, _ := fmt.Sscanf(strings.TrimSuffix(mods, ")"), "%d,%d", &a, &b); n == 0 {
			t.Fatalf("bad modifiers in %q", s)
		}
		if f == VarcharFamily {
			typ.Width = a
		} else {
			typ.Precision, typ.Scale = a, b
		}
	}
	return typ
}

// codeOf returns err's SQLSTATE, or "" for nil.
func codeOf(err error) string {
	if err == nil {
		return ""
	}
	var pe *pgerror.Error
	if !errors.As(err, &pe) {
		return "no pgerror"
	}
	return string(pgerror.CodeOf(err))
}

func mustParse(t testing.TB, typ T, s string) Datum {
	t.Helper()
	d, err := ParseText(typ, s)
	if err != nil {
		t.Fatalf("ParseText(%s, %q): %v", typ, s, err)
	}
	return d
}

func pgerrorDetail(err error) string {
	if err == nil {
		return ""
	}
	return pgerror.Flatten(err).Detail
}
