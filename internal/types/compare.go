package types

import (
	"math"
	"strings"

	"github.com/cockroachdb/apd/v3"
)

// Compare orders two non-NULL datums of the same family: -1, 0 or +1.
// Floats order NaN above every other value, as PostgreSQL does.
func Compare(t T, a, b Datum) int {
	switch x := a.(type) {
	case int64:
		return cmpOrdered(x, b.(int64))
	case float64:
		return compareFloat(x, b.(float64))
	case string:
		return strings.Compare(x, b.(string))
	case bool:
		return compareBool(x, b.(bool))
	case *Decimal:
		return compareNumeric(x, b.(*Decimal))
	case Date:
		return cmpOrdered(x, b.(Date))
	case Timestamp:
		return cmpOrdered(x, b.(Timestamp))
	}
	return 0
}

type ordered interface {
	~int64 | ~int32 | ~float64 | ~string
}

func cmpOrdered[V ordered](a, b V) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// compareFloat is float8_cmp_internal: NaN equals NaN and sorts above
// everything; -0 equals 0.
func compareFloat(a, b float64) int {
	switch an, bn := math.IsNaN(a), math.IsNaN(b); {
	case an && bn:
		return 0
	case an:
		return 1
	case bn:
		return -1
	}
	return cmpOrdered(a, b)
}

func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case b:
		return -1
	}
	return 1
}

// compareNumeric is cmp_numerics: NaN equals NaN and sorts above
// +Infinity; scale does not matter (1.50 = 1.5).
func compareNumeric(a, b *Decimal) int {
	an, bn := a.Form == apd.NaN || a.Form == apd.NaNSignaling, b.Form == apd.NaN || b.Form == apd.NaNSignaling
	switch {
	case an && bn:
		return 0
	case an:
		return 1
	case bn:
		return -1
	}
	return a.Cmp(b)
}
