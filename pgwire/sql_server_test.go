package pgwire

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/meta"
	"github.com/quiverdb/quiver/sql"
)

// catalogOnlyMeta is a meta.Service holding only the database postgres:
// enough for statements without tables.
type catalogOnlyMeta struct{ state *meta.State }

func (m catalogOnlyMeta) State() *meta.State { return m.state }

func (m catalogOnlyMeta) Propose(context.Context, *meta.Command) (*meta.State, error) {
	return nil, pgerror.New(pgerror.FeatureNotSupported, "catalog changes are not faked")
}

// startSQLServer serves real sql sessions over catalogOnlyMeta.
func startSQLServer(t *testing.T) string {
	m := catalogOnlyMeta{state: &meta.State{Version: 1, Databases: []meta.Database{{ID: 1, Name: "postgres"}}}}
	return serveOnFreePort(t, NewServer(sql.NewServer(sql.Config{Meta: m, NodeID: 1}), Config{}))
}

// TestSQLServerTypes runs expressions of every type through the real sql
// layer in each pgx mode: text results (simple protocol, exec mode) and
// binary results and parameters (cached statements).
func TestSQLServerTypes(t *testing.T) {
	conn := connectPgx(t, startSQLServer(t))
	ctx := context.Background()
	for _, tc := range []struct {
		expr string
		arg  any
		want string
	}{
		{"$1::int8 + 1", int64(41), "42"},
		{"$1::int4 * 2", int32(-21), "-42"},
		{"$1::int2", int16(7), "7"},
		{"$1::float8 / 2", 3.0, "1.5"},
		{"$1::text || 'b'", "a", "ab"},
		{"$1::bool", true, "true"},
		{"$1::int4", nil, "<nil>"},
	} {
		for _, mode := range []pgx.QueryExecMode{pgx.QueryExecModeCacheStatement, pgx.QueryExecModeExec, pgx.QueryExecModeSimpleProtocol} {
			var got any
			err := conn.QueryRow(ctx, "SELECT "+tc.expr, mode, tc.arg).Scan(&got)
			if err != nil {
				t.Fatalf("%s (mode %v): %v", tc.expr, mode, err)
			}
			if fmt.Sprint(got) != tc.want {
				t.Errorf("%s (mode %v) = %v, want %s", tc.expr, mode, got, tc.want)
			}
		}
	}
	var pgErr *pgconn.PgError
	if _, err := conn.Exec(ctx, "SELECT 1/0"); !errors.As(err, &pgErr) || pgErr.Code != "22012" {
		t.Fatalf("got %v, want 22012", err)
	}
	if _, err := conn.Exec(ctx, "SELEC 1"); !errors.As(err, &pgErr) || pgErr.Code != "42601" || pgErr.Position == 0 {
		t.Fatalf("got %v, want 42601 with a position", err)
	}
}
