package logictest

import (
	"slices"
	"testing"
)

func TestResultMatches(t *testing.T) {
	rows := [][]string{{"2", "b"}, {"1", "a c"}}
	tests := []struct {
		name     string
		mode     SortMode
		rows     [][]string
		expected []string
		want     bool
	}{
		{"values per line", NoSort, rows, []string{"2", "b", "1", "a c"}, true},
		{"rowsort sorts", RowSort, rows, []string{"1", "a c", "2", "b"}, true},
		{"rowsort wrong order", RowSort, rows, []string{"2", "b", "1", "a c"}, false},
		{"row layout", RowSort, [][]string{{"2", "b"}, {"1", "a"}}, []string{"1  a", "2 b"}, true},
		{"row layout needs each row's columns", NoSort, [][]string{{"1"}, {"a"}}, []string{"1  a"}, false},
		{"valuesort", ValueSort, rows, []string{"1", "2", "a c", "b"}, true},
		{"missing row", NoSort, rows, []string{"2", "b"}, false},
		{"empty", NoSort, nil, nil, true},
		{"hash", NoSort, [][]string{{"1"}, {"2"}}, []string{HashLine([]string{"1", "2"})}, true},
		{"hash mismatch", NoSort, [][]string{{"1"}, {"3"}}, []string{HashLine([]string{"1", "2"})}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := MakeResult(tc.rows, tc.mode).Matches(tc.expected); got != tc.want {
				t.Errorf("Matches(%q) = %v, want %v", tc.expected, got, tc.want)
			}
		})
	}
}

func TestHash(t *testing.T) {
	// md5 of "1\n2\n", as sqllogictest computes it.
	if got, want := Hash([]string{"1", "2"}), "6ddb4095eb719e2a9f0a3f95677d24e0"; got != want {
		t.Errorf("Hash = %s, want %s", got, want)
	}
}

func TestResultRender(t *testing.T) {
	tests := []struct {
		name      string
		res       Result
		threshold int
		want      []string
	}{
		{"rows", MakeResult([][]string{{"2", "b"}, {"1", "a"}}, RowSort), 0, []string{"1  a", "2  b"}},
		{"one column", MakeResult([][]string{{"x"}, {"y"}}, NoSort), 0, []string{"x", "y"}},
		{"spaces", MakeResult([][]string{{"1", "a b"}}, NoSort), 0, []string{"1", "a b"}},
		{"over threshold", MakeResult([][]string{{"1"}, {"2"}}, NoSort), 1, []string{HashLine([]string{"1", "2"})}},
		{"at threshold", MakeResult([][]string{{"1"}, {"2"}}, NoSort), 2, []string{"1", "2"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.res.Render(tc.threshold)
			if !slices.Equal(got, tc.want) {
				t.Errorf("Render = %q, want %q", got, tc.want)
			}
			if !tc.res.Matches(got) {
				t.Errorf("Render's output %q does not match its own result", got)
			}
		})
	}
}

func TestApplyEdits(t *testing.T) {
	lines := []string{"a", "b", "c", "d"}
	got := applyEdits(lines, []edit{{1, 2, []string{"x", "y"}}, {3, 3, []string{"z"}}})
	if want := []string{"a", "x", "y", "c", "z", "d"}; !slices.Equal(got, want) {
		t.Errorf("applyEdits = %q, want %q", got, want)
	}
}
