package logictest

import (
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

var hashLineRE = regexp.MustCompile(`^([0-9]+) values hashing to ([0-9a-f]{32})$`)

// Result is a query's formatted rows, in the order the record's sort mode
// gives them.
type Result struct {
	Rows [][]string
	Mode SortMode
}

// MakeResult sorts rows by mode: rowsort orders rows by their values
// column by column, valuesort orders every value on its own.
func MakeResult(rows [][]string, mode SortMode) Result {
	rows = slices.Clone(rows)
	if mode == RowSort {
		slices.SortStableFunc(rows, slices.Compare)
	}
	return Result{Rows: rows, Mode: mode}
}

// Values returns the values, row by row (every value sorted in valuesort).
func (r Result) Values() []string {
	var vals []string
	for _, row := range r.Rows {
		vals = append(vals, row...)
	}
	if r.Mode == ValueSort {
		slices.Sort(vals)
	}
	return vals
}

// Hash returns sqllogictest's md5 of the values, each followed by "\n".
func Hash(values []string) string {
	h := md5.New()
	for _, v := range values {
		h.Write([]byte(v))
		h.Write([]byte("\n"))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// HashLine is the expected-results line for values over the threshold.
func HashLine(values []string) string {
	return fmt.Sprintf("%d values hashing to %s", len(values), Hash(values))
}

// Matches says whether expected (the lines after `----`) describes r: a
// hash line, one value per line, or one row per line with values separated
// by whitespace.
func (r Result) Matches(expected []string) bool {
	vals := r.Values()
	if len(expected) == 1 {
		if m := hashLineRE.FindStringSubmatch(expected[0]); m != nil {
			n, _ := strconv.Atoi(m[1])
			return n == len(vals) && m[2] == Hash(vals)
		}
	}
	if slices.Equal(expected, vals) {
		return true
	}
	return r.Mode != ValueSort && r.matchesRows(expected)
}

func (r Result) matchesRows(expected []string) bool {
	if len(expected) != len(r.Rows) {
		return false
	}
	for i, line := range expected {
		if !slices.Equal(strings.Fields(line), r.Rows[i]) {
			return false
		}
	}
	return true
}

// Render returns the expected-results lines that -rewrite writes: a hash
// line above threshold (when threshold > 0), else rows on one line each
// when that is unambiguous, else one value per line.
func (r Result) Render(threshold int) []string {
	vals := r.Values()
	if threshold > 0 && len(vals) > threshold {
		return []string{HashLine(vals)}
	}
	if !r.rowLayout() {
		return vals
	}
	lines := make([]string, len(r.Rows))
	for i, row := range r.Rows {
		lines[i] = strings.Join(row, "  ")
	}
	return lines
}

// rowLayout says whether rows can be written one per line.
func (r Result) rowLayout() bool {
	if r.Mode == ValueSort || len(r.Rows) == 0 || len(r.Rows[0]) < 2 {
		return false
	}
	for _, row := range r.Rows {
		for _, v := range row {
			if len(strings.Fields(v)) != 1 {
				return false
			}
		}
	}
	return true
}

// String renders r for failure messages.
func (r Result) String() string {
	return strings.Join(r.Render(0), "\n")
}
