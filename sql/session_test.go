package sql

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/quiverdb/quiver/exec"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
)

// textWriter records results as text lines.
type textWriter struct {
	cols  []Column
	out   []string
	tags  []string
	param [][2]string
}

func (w *textWriter) Batch(rec arrow.Record) error {
	ts := exec.TypesOf(rec.Schema())
	if w.cols != nil {
		ts = make([]types.T, len(w.cols))
		for i, c := range w.cols {
			ts[i] = c.Type
		}
	}
	for _, r := range exec.RowsFromRecord(rec, ts) {
		parts := make([]string, len(r))
		for i, d := range r {
			parts[i] = datumText(ts[i], d)
		}
		w.out = append(w.out, strings.Join(parts, "|"))
	}
	return nil
}
func (w *textWriter) RowDescription(cols []Column) error { w.cols = cols; return nil }
func (w *textWriter) Complete(tag string) error          { w.tags = append(w.tags, tag); return nil }
func (w *textWriter) EmptyQuery() error                  { w.tags = append(w.tags, "EMPTY"); return nil }
func (w *textWriter) ParameterStatus(n, v string) error {
	w.param = append(w.param, [2]string{n, v})
	return nil
}

func newTestSession(t *testing.T) *Session {
	t.Helper()
	srv := NewServer(Config{Meta: newFakeMeta(3), Shards: newFakeShards(), NodeID: 1})
	s, err := srv.NewSession(context.Background(), SessionParams{"user": "postgres", "database": "postgres"})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func newSessionOn(t *testing.T, srv *Server, db string) *Session {
	t.Helper()
	s, err := srv.NewSession(context.Background(), SessionParams{"user": "postgres", "database": db})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// run executes query and returns its rows (sorted when sorted) or its
// error as "error (CODE): message".
func run(s *Session, query string) (*textWriter, string) {
	w := &textWriter{}
	err := s.ExecSimple(context.Background(), query, w)
	if err != nil {
		return w, fmt.Sprintf("error (%s): %s", pgerror.CodeOf(err), err.Error())
	}
	return w, ""
}

func mustRun(t *testing.T, s *Session, query string) *textWriter {
	t.Helper()
	w, e := run(s, query)
	if e != "" {
		t.Fatalf("%s: %s", query, e)
	}
	return w
}

func TestCreateInsertSelect(t *testing.T) {
	s := newTestSession(t)
	w := mustRun(t, s, "CREATE TABLE t (k INT PRIMARY KEY, v TEXT, n NUMERIC(5,2) DEFAULT 1.5)")
	if got := strings.Join(w.tags, ","); got != "CREATE TABLE" {
		t.Fatalf("tag %q", got)
	}
	w = mustRun(t, s, "INSERT INTO t (k, v) VALUES (1, 'a'), (2, 'b'), (3, NULL)")
	if got := w.tags[0]; got != "INSERT 0 3" {
		t.Fatalf("tag %q", got)
	}
	w = mustRun(t, s, "SELECT k, v, n FROM t ORDER BY k DESC")
	if got, want := strings.Join(w.out, ";"), "3|null|1.50;2|b|1.50;1|a|1.50"; got != want {
		t.Fatalf("got %q want %q", got, want)
	}
	w = mustRun(t, s, "SELECT count(*), sum(k), max(v) FROM t WHERE k >= 2")
	if got, want := strings.Join(w.out, ";"), "2|5|b"; got != want {
		t.Fatalf("got %q want %q", got, want)
	}
	w = mustRun(t, s, "SELECT v FROM t WHERE k = 2")
	if got, want := strings.Join(w.out, ";"), "b"; got != want {
		t.Fatalf("got %q want %q", got, want)
	}
}

func TestWriteErrors(t *testing.T) {
	s := newTestSession(t)
	mustRun(t, s, "CREATE TABLE t (k INT PRIMARY KEY, v VARCHAR(2) NOT NULL)")
	mustRun(t, s, "INSERT INTO t VALUES (1, 'a')")
	for _, c := range []struct{ q, want string }{
		{"INSERT INTO t VALUES (1, 'b')", `error (23505): duplicate key value violates unique constraint "t_pkey"`},
		{"INSERT INTO t VALUES (2, 'b'), (2, 'c')", `error (23505): duplicate key value violates unique constraint "t_pkey"`},
		{"INSERT INTO t VALUES (3, NULL)", `error (23502): null value in column "v" of relation "t" violates not-null constraint`},
		{"INSERT INTO t VALUES (3, 'abc')", `error (22001): value too long for type character varying(2)`},
		{"INSERT INTO t VALUES ('x', 'a')", `error (22P02): invalid input syntax for type integer: "x"`},
	} {
		if _, got := run(s, c.q); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.q, got, c.want)
		}
	}
}

func TestUpdateDelete(t *testing.T) {
	s := newTestSession(t)
	mustRun(t, s, "CREATE TABLE t (k INT PRIMARY KEY, v INT)")
	mustRun(t, s, "INSERT INTO t VALUES (1, 10), (2, 20), (3, 30)")
	w := mustRun(t, s, "UPDATE t SET v = v + 1 WHERE k < 3")
	if w.tags[0] != "UPDATE 2" {
		t.Fatalf("tag %v", w.tags)
	}
	w = mustRun(t, s, "UPDATE t SET k = k + 10 WHERE k = 3")
	if w.tags[0] != "UPDATE 1" {
		t.Fatalf("tag %v", w.tags)
	}
	w = mustRun(t, s, "DELETE FROM t WHERE k = 1")
	if w.tags[0] != "DELETE 1" {
		t.Fatalf("tag %v", w.tags)
	}
	w = mustRun(t, s, "SELECT k, v FROM t ORDER BY 1")
	if got, want := strings.Join(w.out, ";"), "2|21;13|30"; got != want {
		t.Fatalf("got %q want %q", got, want)
	}
}

func TestNoPrimaryKey(t *testing.T) {
	s := newTestSession(t)
	mustRun(t, s, "CREATE TABLE h (a INT, b TEXT)")
	mustRun(t, s, "INSERT INTO h VALUES (1, 'x'), (1, 'x')")
	w := mustRun(t, s, "SELECT * FROM h")
	if len(w.cols) != 2 || len(w.out) != 2 {
		t.Fatalf("cols %v rows %v", w.cols, w.out)
	}
}
