package sql

import (
	"strings"
	"testing"
)

func TestExpressionColumnNames(t *testing.T) {
	s := newTestSession(t)
	w := mustRun(t, s, "SELECT nullif(1, 2), greatest(1, 2), least(1, 2), coalesce(1, 2), 1 + 1")
	var got []string
	for _, c := range w.cols {
		got = append(got, c.Name)
	}
	if want := "nullif,greatest,least,coalesce,?column?"; strings.Join(got, ",") != want {
		t.Fatalf("names %v, want %s (PostgreSQL's)", got, want)
	}
}
