package sql

import (
	"strings"
	"testing"

	"github.com/quiverdb/quiver/internal/types"
)

// TestSQLPrepare checks PREPARE, EXECUTE and DEALLOCATE against
// PostgreSQL 15's results, tags and SQLSTATEs.
func TestSQLPrepare(t *testing.T) {
	s := newTestSession(t)
	mustRun(t, s, "CREATE TABLE t (k INT PRIMARY KEY, v TEXT)")
	for _, c := range []struct{ q, want string }{
		{"PREPARE q(int) AS SELECT $1 + 1 AS x", "PREPARE"},
		{"PREPARE q AS SELECT 1", `error (42P05): prepared statement "q" already exists`},
		{"EXECUTE q(2)", "x:integer 3 SELECT 1"},
		{"EXECUTE q(1.5)", "x:integer 3 SELECT 1"},
		{"EXECUTE q('7')", "x:integer 8 SELECT 1"},
		{"EXECUTE q(NULL)", "x:integer null SELECT 1"},
		{"EXECUTE q", `error (42601): wrong number of parameters for prepared statement "q"`},
		{"EXECUTE q('a')", `error (22P02): invalid input syntax for type integer: "a"`},
		{"EXECUTE q(true)", `error (42804): parameter $1 of type boolean cannot be coerced to the expected type integer`},
		{"EXECUTE q(k)", `error (42703): column "k" does not exist`},
		{"EXECUTE nope", `error (26000): prepared statement "nope" does not exist`},
		{"PREPARE ins(int, text) AS INSERT INTO t VALUES ($1, $2)", "PREPARE"},
		{"EXECUTE ins(1, 'a')", "INSERT 0 1"},
		{"EXECUTE ins(2, 'b')", "INSERT 0 1"},
		{"PREPARE sel AS SELECT k, v FROM t WHERE k >= $1 ORDER BY k", "PREPARE"},
		{"EXECUTE sel(1)", "k:integer v:text 1|a 2|b SELECT 2"},
		{"PREPARE u AS UPDATE t SET v = 'z' WHERE k = $1", "PREPARE"},
		{"EXECUTE u(2)", "UPDATE 1"},
		{"PREPARE s4(foo) AS SELECT 1", `error (42704): type "foo" does not exist`},
		{"PREPARE s5 AS SELECT * FROM nosuch", `error (42P01): relation "nosuch" does not exist`},
		{"DEALLOCATE nope", `error (26000): prepared statement "nope" does not exist`},
		{"DEALLOCATE PREPARE q", "DEALLOCATE"},
		{"EXECUTE q(1)", `error (26000): prepared statement "q" does not exist`},
		{"DEALLOCATE ALL", "DEALLOCATE ALL"},
		{"EXECUTE sel(1)", `error (26000): prepared statement "sel" does not exist`},
		{"PREPARE a AS SELECT 2; EXECUTE a; DEALLOCATE a", "?column?:integer 2 PREPARE SELECT 1 DEALLOCATE"},
	} {
		if got := transcript(s, c.q); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.q, got, c.want)
		}
	}
}

// TestPrepareSharesProtocolNames checks that a protocol-level statement
// and a SQL PREPARE share one namespace.
func TestPrepareSharesProtocolNames(t *testing.T) {
	s := newTestSession(t)
	ctx := t.Context()
	p, err := s.Prepare(ctx, "SELECT $1::int * 2 AS d", nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.StoreStatement("proto", p); err != nil {
		t.Fatal(err)
	}
	if got, want := transcript(s, "EXECUTE proto(21)"), "d:integer 42 SELECT 1"; got != want {
		t.Errorf("EXECUTE of a protocol statement: got %s want %s", got, want)
	}
	if got, want := transcript(s, "PREPARE proto AS SELECT 1"), `error (42P05): prepared statement "proto" already exists`; got != want {
		t.Errorf("got %s want %s", got, want)
	}
	mustRun(t, s, "PREPARE sqlp AS SELECT 'x' AS c")
	sp, ok := s.Statement("sqlp")
	if !ok || len(sp.Columns) != 1 || sp.Columns[0].Type != types.TextType {
		t.Fatalf("SQL statement not visible to the protocol: %v %v", sp, ok)
	}
	if err := s.StoreStatement("sqlp", p); err == nil {
		t.Fatal("Parse over a SQL PREPARE name must fail with 42P05")
	}
	portal, err := s.Bind(ctx, sp, nil)
	if err != nil {
		t.Fatal(err)
	}
	w := &textWriter{cols: portal.Columns}
	if tag, _, err := s.Execute(ctx, portal, w, 0); err != nil || tag != "SELECT 1" || strings.Join(w.out, ",") != "x" {
		t.Fatalf("bound SQL statement: %q %v %v", tag, err, w.out)
	}
	mustRun(t, s, "DEALLOCATE ALL")
	if _, ok := s.Statement("proto"); ok {
		t.Fatal("DEALLOCATE ALL must drop protocol statements too")
	}
}

// TestExecuteExtended runs EXECUTE through Parse/Bind/Execute: its rows
// come back through the portal.
func TestExecuteExtended(t *testing.T) {
	s := newTestSession(t)
	ctx := t.Context()
	mustRun(t, s, "PREPARE q(int) AS SELECT $1 + 1 AS x")
	p, err := s.Prepare(ctx, "EXECUTE q($1)", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.ParamTypes) != 1 || p.ParamTypes[0] != types.Int4Type || len(p.Columns) != 1 || p.Columns[0].Name != "x" {
		t.Fatalf("params %v columns %v", p.ParamTypes, p.Columns)
	}
	portal, err := s.Bind(ctx, p, []types.Datum{int64(41)})
	if err != nil {
		t.Fatal(err)
	}
	w := &textWriter{cols: portal.Columns}
	if tag, _, err := s.Execute(ctx, portal, w, 0); err != nil || tag != "SELECT 1" || strings.Join(w.out, ",") != "42" {
		t.Fatalf("got %q %v %v", tag, err, w.out)
	}
}

// transcript runs a simple query and renders what it returned: column
// names and types, rows, tags; or its error.
func transcript(s *Session, q string) string {
	w, e := run(s, q)
	if e != "" {
		return e
	}
	var parts []string
	for _, c := range w.cols {
		parts = append(parts, c.Name+":"+c.Type.String())
	}
	parts = append(parts, w.out...)
	parts = append(parts, w.tags...)
	return strings.Join(parts, " ")
}
