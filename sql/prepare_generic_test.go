package sql

import (
	"strings"
	"testing"

	"github.com/quiverdb/quiver/internal/types"
)

// TestPreparedGenericPlan runs a prepared point query many times over one
// plan, with a NULL key, and a LIMIT $1 query that must plan per run.
func TestPreparedGenericPlan(t *testing.T) {
	s := newTestSession(t)
	ctx := t.Context()
	mustRun(t, s, "CREATE TABLE t (k INT PRIMARY KEY, v TEXT)")
	mustRun(t, s, "INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd')")
	exec := func(q string, params ...types.Datum) string {
		t.Helper()
		p, err := s.Prepare(ctx, q, nil)
		if err != nil {
			t.Fatal(err)
		}
		portal, err := s.Bind(ctx, p, params)
		if err != nil {
			t.Fatal(err)
		}
		defer s.ClosePortal(portal)
		w := &textWriter{cols: portal.Columns}
		if _, _, err := s.Execute(ctx, portal, w, 0); err != nil {
			t.Fatal(err)
		}
		return strings.Join(w.out, ",")
	}
	p, err := s.Prepare(ctx, "SELECT v FROM t WHERE k = $1", nil)
	if err != nil {
		t.Fatal(err)
	}
	st := p.stmt.(*selectStmt)
	if st.generic == nil || st.generic.Shard[0].Input.Scan.Point == nil {
		t.Fatalf("point query has no generic point plan: %+v", st.generic)
	}
	for k, want := range []string{"", "a", "b", "c", "d", ""} {
		portal, err := s.Bind(ctx, p, []types.Datum{int64(k)})
		if err != nil {
			t.Fatal(err)
		}
		w := &textWriter{cols: portal.Columns}
		if _, _, err := s.Execute(ctx, portal, w, 0); err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(w.out, ","); got != want {
			t.Errorf("k=%d: got %q want %q", k, got, want)
		}
		s.ClosePortal(portal)
	}
	if got := exec("SELECT v FROM t WHERE k = $1", nil); got != "" {
		t.Errorf("k = NULL: got %q", got)
	}
	if got := exec("SELECT v FROM t ORDER BY k LIMIT $1", int64(2)); got != "a,b" {
		t.Errorf("LIMIT $1: got %q", got)
	}
	if got := exec("SELECT v FROM t WHERE k >= $1 ORDER BY k DESC", int64(3)); got != "d,c" {
		t.Errorf("k >= $1: got %q", got)
	}
}
