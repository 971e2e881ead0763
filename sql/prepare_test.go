package sql

import (
	"context"
	"strings"
	"testing"

	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
)

func TestPrepareBindExecute(t *testing.T) {
	s := newTestSession(t)
	ctx := t.Context()
	mustRun(t, s, "CREATE TABLE t (k INT PRIMARY KEY, v TEXT)")
	mustRun(t, s, "INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')")
	p, err := s.Prepare(ctx, "SELECT v FROM t WHERE k >= $1 ORDER BY k", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.ParamTypes) != 1 || p.ParamTypes[0] != types.Int4Type {
		t.Fatalf("param types %v", p.ParamTypes)
	}
	portal, err := s.Bind(ctx, p, []types.Datum{int64(2)})
	if err != nil {
		t.Fatal(err)
	}
	w := &textWriter{cols: portal.Columns}
	tag, suspended, err := s.Execute(ctx, portal, w, 1)
	if err != nil || !suspended || tag != "" {
		t.Fatalf("first execute: %q %v %v", tag, suspended, err)
	}
	tag, suspended, err = s.Execute(ctx, portal, w, 0)
	if err != nil || suspended || tag != "SELECT 2" || strings.Join(w.out, ",") != "b,c" {
		t.Fatalf("second execute: %q %v %v %v", tag, suspended, err, w.out)
	}
	if _, err := s.Prepare(ctx, "SELECT 1 WHERE $1 IS NULL", nil); pgerror.CodeOf(err) != pgerror.IndeterminateDatatype {
		t.Fatalf("want 42P18, got %v", err)
	}
	mustRun(t, s, "DROP TABLE t; CREATE TABLE t (k INT PRIMARY KEY, v INT)")
	if _, err := s.Bind(ctx, p, []types.Datum{int64(2)}); pgerror.CodeOf(err) != pgerror.FeatureNotSupported {
		t.Fatalf("want 0A000 cached plan, got %v", err)
	}
}

// TestTargetListParams checks PostgreSQL's typing of parameters no clause
// infers: bare select-list entries become text, others stay 42P18.
func TestTargetListParams(t *testing.T) {
	s := newTestSession(t)
	mustRun(t, s, "CREATE TABLE t (k INT PRIMARY KEY, v TEXT)")
	for _, c := range []struct {
		query  string
		params string // parameter types, or the SQLSTATE
		cols   string // result column types
	}{
		{"SELECT $1", "text", "text"},
		{"SELECT $1::timestamptz, $2::date, $3", "timestamp with time zone,date,text", "timestamp with time zone,date,text"},
		{"SELECT ($1) AS x ORDER BY 1", "text", "text"},
		{"SELECT $1 + 1", "integer", "integer"},
		{"SELECT $1, k FROM t WHERE k = $1", "integer", "integer,integer"},
		{"SELECT $1 FROM t LIMIT $2", "text,bigint", "text"},
		{"SELECT 1 WHERE $1 IS NULL", "42P18", ""},
		{"SELECT $1 IS NULL", "42P18", ""},
	} {
		p, err := s.Prepare(t.Context(), c.query, nil)
		if err != nil {
			if got := string(pgerror.CodeOf(err)); got != c.params {
				t.Errorf("%s: %v", c.query, err)
			}
			continue
		}
		if got := joinTypeNames(p.ParamTypes); got != c.params {
			t.Errorf("%s: params %s, want %s", c.query, got, c.params)
		}
		colTypes := make([]types.T, len(p.Columns))
		for i, col := range p.Columns {
			colTypes[i] = col.Type
		}
		if got := joinTypeNames(colTypes); got != c.cols {
			t.Errorf("%s: columns %s, want %s", c.query, got, c.cols)
		}
	}
}

func joinTypeNames(ts []types.T) string {
	names := make([]string, len(ts))
	for i, t := range ts {
		names[i] = t.String()
	}
	return strings.Join(names, ",")
}

// TestColumnsNameNoTable checks RowDescription's table OID and column
// number stay 0 while pg_class does not list tables.
func TestColumnsNameNoTable(t *testing.T) {
	s := newTestSession(t)
	mustRun(t, s, "CREATE TABLE t (k INT PRIMARY KEY, v TEXT)")
	for _, q := range []string{"SELECT k, v FROM t", "SELECT * FROM t"} {
		p, err := s.Prepare(t.Context(), q, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range p.Columns {
			if c.TableOID != 0 || c.ColumnNum != 0 {
				t.Errorf("%s: column %s has table %d column %d", q, c.Name, c.TableOID, c.ColumnNum)
			}
		}
	}
}

func TestRebindIsRemembered(t *testing.T) {
	s := newTestSession(t)
	mustRun(t, s, "CREATE TABLE t (k INT PRIMARY KEY, v TEXT)")
	ctx := context.Background()
	p, err := s.Prepare(ctx, "SELECT v FROM t WHERE k = $1", nil)
	if err != nil {
		t.Fatal(err)
	}
	mustRun(t, s, "CREATE TABLE other (k INT PRIMARY KEY)") // a new catalog version
	if _, err := s.Bind(ctx, p, []types.Datum{int64(1)}); err != nil {
		t.Fatal(err)
	}
	if want := s.srv.cfg.Meta.State().Version; p.version != want {
		t.Fatalf("prepared statement bound at version %d after a rebind, want %d: every Bind would bind again", p.version, want)
	}
}
