package sql

import (
	"strings"
	"testing"
)

func TestDropTableAndDatabaseDeleteRows(t *testing.T) {
	srv := NewServer(Config{Meta: newFakeMeta(3), Shards: newFakeShards(), NodeID: 1})
	s := newSessionOn(t, srv, "postgres")
	mustRun(t, s, "CREATE DATABASE other")
	o := newSessionOn(t, srv, "other")
	mustRun(t, o, "CREATE TABLE a (k INT PRIMARY KEY)")
	mustRun(t, o, "CREATE TABLE b (k INT PRIMARY KEY, v TEXT)")
	mustRun(t, o, "INSERT INTO a VALUES (1), (2), (3)")
	mustRun(t, o, "INSERT INTO b VALUES (1, 'x'), (2, 'y')")
	mustRun(t, s, "CREATE TABLE keep (k INT PRIMARY KEY)")
	mustRun(t, s, "INSERT INTO keep VALUES (7), (8)")
	if n := srv.cfg.Shards.(*fakeShards).rowCount(); n != 7 {
		t.Fatalf("rows before drop: %d", n)
	}
	if _, e := run(o, "DROP DATABASE other"); !strings.HasPrefix(e, "error (55006): cannot drop the currently open database") {
		t.Fatalf("drop current database: %q", e)
	}
	mustRun(t, s, "DROP DATABASE other")
	if n := srv.cfg.Shards.(*fakeShards).rowCount(); n != 2 {
		t.Fatalf("rows after DROP DATABASE: %d, want 2", n)
	}
	mustRun(t, s, "DROP TABLE keep")
	if n := srv.cfg.Shards.(*fakeShards).rowCount(); n != 0 {
		t.Fatalf("rows after DROP TABLE: %d, want 0", n)
	}
}

func TestTxnStatusAfterErrors(t *testing.T) {
	for _, c := range []struct {
		queries []string
		want    byte
	}{
		{[]string{"SELECT 1; SELECT nope"}, 'I'},
		{[]string{"BEGIN; SELECT nope"}, 'E'},
		{[]string{"BEGIN", "SELECT 1; SELECT nope"}, 'E'},
		{[]string{"BEGIN; SELECT 1; COMMIT; SELECT nope"}, 'I'},
		{[]string{"BEGIN; SELECT nope", "ROLLBACK"}, 'I'},
		{[]string{"BEGIN", "SELECT 1"}, 'T'},
		{[]string{"SELECT 1/0"}, 'I'},
	} {
		s := newTestSession(t)
		for _, q := range c.queries {
			run(s, q)
		}
		if got := s.TxnStatus(); got != c.want {
			t.Errorf("%q: status %c, want %c", c.queries, got, c.want)
		}
	}
}

func TestVarcharAssignment(t *testing.T) {
	s := newTestSession(t)
	mustRun(t, s, "CREATE TABLE w (k INT PRIMARY KEY, v VARCHAR(3))")
	for _, c := range []struct{ q, want string }{
		{"INSERT INTO w VALUES (1, 'abcd'::text)", "error (22001): value too long for type character varying(3)"},
		{"INSERT INTO w VALUES (2, 12345)", "error (22001): value too long for type character varying(3)"},
		{"INSERT INTO w VALUES (3, 'ab  '::text)", ""},
		{"INSERT INTO w VALUES (4, 'abcd'::varchar(3))", ""},
		{"INSERT INTO w VALUES (5, 'é€x'::text)", ""},
		{"UPDATE w SET v = v || 'zz' WHERE k = 4", "error (22001): value too long for type character varying(3)"},
	} {
		if _, got := run(s, c.q); got != c.want {
			t.Errorf("%s: got %q want %q", c.q, got, c.want)
		}
	}
	w := mustRun(t, s, "SELECT k, v, length(v) FROM w ORDER BY k")
	if got, want := strings.Join(w.out, ";"), "3|ab |3;4|abc|3;5|é€x|3"; got != want {
		t.Errorf("got %q want %q", got, want)
	}
}
