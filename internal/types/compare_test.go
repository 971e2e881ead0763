package types

import (
	"math"
	"testing"
)

func TestCompare(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		typ  string
		a, b Datum
		want int
	}{
		{"int4", int64(1), int64(2), -1},
		{"int8", int64(5), int64(5), 0},
		{"float8", nan, math.Inf(1), 1},
		{"float8", nan, nan, 0},
		{"float8", 1.0, nan, -1},
		{"float8", math.Copysign(0, -1), 0.0, 0},
		{"float8", math.Inf(-1), -1e308, -1},
		{"text", "B", "a", -1}, // C collation: bytewise
		{"text", "ab", "a", 1},
		{"text", "é", "z", 1},
		{"bool", false, true, -1},
		{"bool", true, true, 0},
		{"date", Date(3), Date(-3), 1},
		{"timestamp", TimestampNegInfinity, Timestamp(0), -1},
	}
	for _, tc := range tests {
		if got := Compare(mustType(t, tc.typ), tc.a, tc.b); got != tc.want {
			t.Errorf("Compare(%s, %v, %v) = %d, want %d", tc.typ, tc.a, tc.b, got, tc.want)
		}
	}
}

func TestCompareNumeric(t *testing.T) {
	order := []string{"-Infinity", "-1e10", "-1.5", "0", "0.00", "1.5", "1.50", "2", "Infinity", "NaN", "nan"}
	rank := []int{0, 1, 2, 3, 3, 4, 4, 5, 6, 7, 7}
	for i, a := range order {
		for j, b := range order {
			want := cmpOrdered(int64(rank[i]), int64(rank[j]))
			got := Compare(NumericType, mustParse(t, NumericType, a), mustParse(t, NumericType, b))
			if got != want {
				t.Errorf("Compare(%s, %s) = %d, want %d", a, b, got, want)
			}
		}
	}
}
