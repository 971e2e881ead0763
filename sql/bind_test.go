package sql

import (
	"testing"
)

// TestBindErrors checks SQLSTATEs and messages against PostgreSQL 15.
func TestBindErrors(t *testing.T) {
	s := newTestSession(t)
	mustRun(t, s, "CREATE TABLE t (k INT PRIMARY KEY, v TEXT, b BOOLEAN)")
	for _, c := range []struct{ q, want string }{
		{"SELEC 1", `error (42601): syntax error at or near "SELEC"`},
		{"SELECT * FROM nope", `error (42P01): relation "nope" does not exist`},
		{"SELECT x FROM t", `error (42703): column "x" does not exist`},
		{"SELECT k + b FROM t", `error (42883): operator does not exist: integer + boolean`},
		{"SELECT k FROM t WHERE k", `error (42804): argument of WHERE must be type boolean, not type integer`},
		{"SELECT 'abc'::int", `error (22P02): invalid input syntax for type integer: "abc"`},
		{"SELECT k, count(*) FROM t", `error (42803): column "t.k" must appear in the GROUP BY clause or be used in an aggregate function`},
		{"SELECT * FROM t WHERE count(*) > 1", `error (42803): aggregate functions are not allowed in WHERE`},
		{"CREATE TABLE d (a INT, a INT)", `error (42701): column "a" specified more than once`},
		{"CREATE TABLE d (a INT PRIMARY KEY, b INT PRIMARY KEY)", `error (42P16): multiple primary keys for table "d" are not allowed`},
		{"CREATE TABLE d (a SERIAL)", `error (0A000): type serial is not supported yet`},
		{"SELECT * FROM t, t AS u", `error (0A000): joins are not supported`},
		{"SELECT 1 UNION SELECT 2", `error (0A000): UNION, INTERSECT and EXCEPT are not supported`},
		{"SHOW nope", `error (42704): unrecognized configuration parameter "nope"`},
		{"SELECT lower(1)", `error (42883): function lower(integer) does not exist`},
		{"SELECT k FROM t ORDER BY 5", `error (42P10): ORDER BY position 5 is not in select list`},
		{"INSERT INTO t (k, v) VALUES (1, 2, 3)", `error (42601): INSERT has more expressions than target columns`},
		{"INSERT INTO t (k, b) VALUES (1, 'maybe')", `error (22P02): invalid input syntax for type boolean: "maybe"`},
		{"INSERT INTO t (k, b) VALUES (1, 5)", `error (42804): column "b" is of type boolean but expression is of type integer`},
	} {
		if _, got := run(s, c.q); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.q, got, c.want)
		}
	}
}

func TestErrorPositions(t *testing.T) {
	s := newTestSession(t)
	mustRun(t, s, "CREATE TABLE t (k INT PRIMARY KEY)")
	for _, c := range []struct {
		q   string
		pos int32
	}{
		{"SELECT x FROM t", 8},
		{"SELECT * FROM nope", 15},
		{"SELEC 1", 1},
		{"SELECT k FROM t WHERE k", 23},
	} {
		err := s.ExecSimple(t.Context(), c.q, &textWriter{})
		if got := flattenPos(err); got != c.pos {
			t.Errorf("%s: position %d, want %d", c.q, got, c.pos)
		}
	}
}

func TestTransactions(t *testing.T) {
	s := newTestSession(t)
	mustRun(t, s, "CREATE TABLE t (k INT PRIMARY KEY)")
	mustRun(t, s, "BEGIN")
	if s.TxnStatus() != 'T' {
		t.Fatalf("status %c", s.TxnStatus())
	}
	if _, e := run(s, "INSERT INTO t VALUES (1)"); e != "error (0A000): writes inside explicit transactions are not supported yet" {
		t.Fatalf("got %s", e)
	}
	if s.TxnStatus() != 'E' {
		t.Fatalf("status %c", s.TxnStatus())
	}
	if _, e := run(s, "SELECT 1"); e != "error (25P02): current transaction is aborted, commands ignored until end of transaction block" {
		t.Fatalf("got %s", e)
	}
	w := mustRun(t, s, "COMMIT")
	if w.tags[0] != "ROLLBACK" || s.TxnStatus() != 'I' {
		t.Fatalf("tag %v status %c", w.tags, s.TxnStatus())
	}
}

func TestSetShow(t *testing.T) {
	s := newTestSession(t)
	w := mustRun(t, s, "SET application_name = 'x'; SHOW application_name")
	if w.out[0] != "x" || w.param[0] != [2]string{"application_name", "x"} {
		t.Fatalf("out %v params %v", w.out, w.param)
	}
	w = mustRun(t, s, "SELECT current_setting('server_version_num'), version() LIKE 'PostgreSQL 15.18%'")
	if w.out[0] != "150018|t" {
		t.Fatalf("out %v", w.out)
	}
	if _, e := run(s, "SET server_version = '1'"); e != `error (55P02): parameter "server_version" cannot be changed` {
		t.Fatalf("got %s", e)
	}
	ps := s.ParameterStatus()
	if len(ps) != 13 || ps[2] != [2]string{"DateStyle", "ISO, MDY"} {
		t.Fatalf("ParameterStatus %v", ps)
	}
}
