package sql

import (
	"testing"
)

// TestCursors checks DECLARE, FETCH, MOVE and CLOSE against PostgreSQL
// 15's results, tags and SQLSTATEs.
func TestCursors(t *testing.T) {
	s := newTestSession(t)
	mustRun(t, s, "CREATE TABLE t (k INT PRIMARY KEY, v TEXT)")
	mustRun(t, s, "INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd'), (5, 'e')")
	for _, c := range []struct{ q, want string }{
		{"DECLARE c CURSOR FOR SELECT k FROM t", "error (25P01): DECLARE CURSOR can only be used in transaction blocks"},
		{"DECLARE c CURSOR WITH HOLD FOR SELECT k, v FROM t ORDER BY k", "DECLARE CURSOR"},
		{"FETCH 2 FROM c", "k:integer v:text 1|a 2|b FETCH 2"},
		{"FETCH NEXT c", "k:integer v:text 3|c FETCH 1"},
		{"MOVE 1 IN c", "MOVE 1"},
		{"FETCH ALL c", "k:integer v:text 5|e FETCH 1"},
		{"FETCH c", "k:integer v:text FETCH 0"},
		{"FETCH BACKWARD 1 FROM c", "error (55000): cursor can only scan forward"},
		{"CLOSE c", "CLOSE CURSOR"},
		{"CLOSE c", `error (34000): cursor "c" does not exist`},
		{"FETCH nope", `error (34000): cursor "nope" does not exist`},
		{"MOVE nope", `error (34000): cursor "nope" does not exist`},
		{"CLOSE ALL", "CLOSE CURSOR ALL"},
		{"BEGIN", "BEGIN"},
		{"DECLARE c2 NO SCROLL CURSOR FOR SELECT k FROM t WHERE k > 1 ORDER BY k", "DECLARE CURSOR"},
		{"DECLARE c2 CURSOR FOR SELECT 1", `error (42P03): cursor "c2" already exists`},
		{"ROLLBACK", "ROLLBACK"},
		{"FETCH c2", `error (34000): cursor "c2" does not exist`},
		{"BEGIN", "BEGIN"},
		{"DECLARE c3 CURSOR FOR SELECT k FROM t ORDER BY k", "DECLARE CURSOR"},
		{"FETCH FORWARD 2 FROM c3", "k:integer 1 2 FETCH 2"},
		{"FETCH RELATIVE 2 FROM c3", "k:integer 4 FETCH 1"},
		{"FETCH LAST FROM c3", "k:integer 5 FETCH 1"},
		{"FETCH PRIOR FROM c3", "error (55000): cursor can only scan forward"},
		{"COMMIT", "ROLLBACK"},
		{"BEGIN; DECLARE c4 CURSOR FOR SELECT k FROM t WHERE k = 3; COMMIT", "BEGIN DECLARE CURSOR COMMIT"},
		{"FETCH c4", `error (34000): cursor "c4" does not exist`},
		{"DECLARE c5 CURSOR FOR SELECT k FROM t WHERE k = 3; FETCH ALL c5", "k:integer 3 DECLARE CURSOR FETCH 1"},
		{"FETCH c5", `error (34000): cursor "c5" does not exist`},
	} {
		if got := transcript(s, c.q); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.q, got, c.want)
		}
	}
}

// TestCursorExtended fetches a cursor through Parse/Bind/Execute: the
// rows come back through the portal, as psycopg2's named cursors and
// pgjdbc need.
func TestCursorExtended(t *testing.T) {
	s := newTestSession(t)
	ctx := t.Context()
	mustRun(t, s, "CREATE TABLE t (k INT PRIMARY KEY)")
	mustRun(t, s, "INSERT INTO t VALUES (1), (2), (3)")
	mustRun(t, s, "BEGIN")
	mustRun(t, s, "DECLARE c CURSOR FOR SELECT k FROM t ORDER BY k")
	p, err := s.Prepare(ctx, "FETCH 2 FROM c", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"1,2 FETCH 2", "3 FETCH 1", " FETCH 0"} {
		portal, err := s.Bind(ctx, p, nil)
		if err != nil {
			t.Fatal(err)
		}
		w := &textWriter{cols: portal.Columns}
		tag, _, err := s.Execute(ctx, portal, w, 0)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		for i, r := range w.out {
			if i > 0 {
				got += ","
			}
			got += r
		}
		if got+" "+tag != want {
			t.Errorf("got %q want %q", got+" "+tag, want)
		}
		s.ClosePortal(portal)
	}
	mustRun(t, s, "COMMIT")
}
