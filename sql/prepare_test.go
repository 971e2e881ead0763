package sql

import (
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
	if _, err := s.Prepare(ctx, "SELECT $1", nil); pgerror.CodeOf(err) != pgerror.IndeterminateDatatype {
		t.Fatalf("want 42P18, got %v", err)
	}
	mustRun(t, s, "DROP TABLE t; CREATE TABLE t (k INT PRIMARY KEY, v INT)")
	if _, err := s.Bind(ctx, p, []types.Datum{int64(2)}); pgerror.CodeOf(err) != pgerror.FeatureNotSupported {
		t.Fatalf("want 0A000 cached plan, got %v", err)
	}
}
