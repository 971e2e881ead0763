package clienttest

import (
	"strings"
	"testing"
)

// diffContext is how many common lines lineDiff shows around a change.
const diffContext = 2

// lineDiff renders the differences between two texts line by line: "  "
// marks a common line, "- " one only in want, "+ " one only in got, and
// "  ..." common lines left out (those more than diffContext lines away
// from a change). It aligns the texts on a longest common subsequence.
func lineDiff(want, got string) string {
	lines := diffLines(splitLines(want), splitLines(got))
	var sb strings.Builder
	skipping := false
	for i, l := range lines {
		if l[0] == ' ' && !nearChange(lines, i) {
			if !skipping {
				sb.WriteString("  ...\n")
			}
			skipping = true
			continue
		}
		skipping = false
		sb.WriteString(l + "\n")
	}
	return sb.String()
}

// diffLines returns every line of a and b marked "  ", "- " or "+ ".
func diffLines(a, b []string) []string {
	lcs := lcsTable(a, b)
	var out []string
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			out = append(out, "  "+a[i])
			i, j = i+1, j+1
		case i < len(a) && (j == len(b) || lcs[i+1][j] >= lcs[i][j+1]):
			out = append(out, "- "+a[i])
			i++
		default:
			out = append(out, "+ "+b[j])
			j++
		}
	}
	return out
}

// nearChange reports whether a changed line lies within diffContext lines
// of lines[i].
func nearChange(lines []string, i int) bool {
	for k := max(0, i-diffContext); k <= min(len(lines)-1, i+diffContext); k++ {
		if lines[k][0] != ' ' {
			return true
		}
	}
	return false
}

// lcsTable returns t where t[i][j] is the length of the longest common
// subsequence of a[i:] and b[j:].
func lcsTable(a, b []string) [][]int {
	t := make([][]int, len(a)+1)
	for i := range t {
		t[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				t[i][j] = t[i+1][j+1] + 1
			} else {
				t[i][j] = max(t[i+1][j], t[i][j+1])
			}
		}
	}
	return t
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

func TestLineDiff(t *testing.T) {
	for _, tc := range []struct {
		name, want, got, diff string
	}{
		{"equal", "a\nb\n", "a\nb\n", "  ...\n"},
		{"changed", "a\nb\nc\n", "a\nx\nc\n", "  a\n- b\n+ x\n  c\n"},
		{"added", "a\n", "a\nb\n", "  a\n+ b\n"},
		{"removed", "a\nb\n", "b\n", "- a\n  b\n"},
		{"empty got", "a\n", "", "- a\n"},
		{"empty want", "", "a\n", "+ a\n"},
		{"no final newline", "a\nb", "a\nb\nc", "  a\n  b\n+ c\n"},
		{"context", "1\n2\n3\n4\n5\n6\n7\n8\n", "1\n2\n3\n4\nx\n6\n7\n8\n",
			"  ...\n  3\n  4\n- 5\n+ x\n  6\n  7\n  ...\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := lineDiff(tc.want, tc.got); got != tc.diff {
				t.Errorf("lineDiff(%q, %q) =\n%s\nwant\n%s", tc.want, tc.got, got, tc.diff)
			}
		})
	}
}
