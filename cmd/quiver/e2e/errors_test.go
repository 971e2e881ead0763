package e2e

import (
	"errors"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// errorCases are statements PostgreSQL 15 rejects, with its SQLSTATEs.
var errorCases = []struct {
	sql, code string
}{
	{"SELEC 1", "42601"},
	{"SELECT * FROM", "42601"},
	{"SELECT * FROM missing", "42P01"},
	{"CREATE TABLE t (k INT PRIMARY KEY)", "42P07"},
	{"CREATE TABLE d (a INT, a INT)", "42701"},
	{"SELECT nope FROM t", "42703"},
	{"SELECT k FROM t WHERE v", "42804"},
	{"SELECT k + v FROM t", "42883"},
	{"SELECT nosuchfunc(1)", "42883"},
	{"SELECT v, count(*) FROM t", "42803"},
	{"INSERT INTO t VALUES (1, 'dup')", "23505"},
	{"INSERT INTO t VALUES (5, 'a'), (5, 'b')", "23505"},
	{"INSERT INTO t (v) VALUES ('no key')", "23502"},
	{"INSERT INTO t VALUES ('x', 'y')", "22P02"},
	{"INSERT INTO t VALUES (2147483648, 'big')", "22003"},
	{"SELECT 2147483647 + 1", "22003"},
	{"SELECT 1 / 0", "22012"},
	{"INSERT INTO t VALUES (6, 'too long for varchar five', 'abcdef')", "22001"},
	{"SELECT 'x'::int", "22P02"},
}

// pgCode returns err's SQLSTATE, or "" when it has none.
func pgCode(err error) string {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code
	}
	return ""
}

func TestErrorSQLSTATEs(t *testing.T) {
	s := sqlServer(t)
	for _, mode := range []pgx.QueryExecMode{pgx.QueryExecModeCacheStatement, pgx.QueryExecModeSimpleProtocol} {
		conn := s.connect(t)
		ctx := testCtx(t)
		mustExec(t, conn, "DROP TABLE IF EXISTS t")
		mustExec(t, conn, "CREATE TABLE t (k INT PRIMARY KEY, v TEXT, s VARCHAR(5))")
		mustExec(t, conn, "INSERT INTO t VALUES (1, 'one', 'a')")
		for _, tc := range errorCases {
			_, err := conn.Exec(ctx, tc.sql, mode)
			if got := pgCode(err); got != tc.code {
				t.Errorf("mode %v: %s: got %v (SQLSTATE %q), want SQLSTATE %s", mode, tc.sql, err, got, tc.code)
			}
			var one int
			if err := conn.QueryRow(ctx, "SELECT 1", mode).Scan(&one); err != nil || one != 1 {
				t.Fatalf("mode %v: session broken after %q: %v", mode, tc.sql, err)
			}
		}
		var n int
		if err := conn.QueryRow(ctx, "SELECT count(*) FROM t").Scan(&n); err != nil || n != 1 {
			t.Errorf("rows after rejected statements: %d, %v (want 1)", n, err)
		}
	}
}

func TestEmptyQuery(t *testing.T) {
	s := sqlServer(t)
	conn := s.connect(t)
	ctx := testCtx(t)
	for _, sql := range []string{"", " ", ";", "-- only a comment"} {
		res, err := conn.PgConn().Exec(ctx, sql).ReadAll()
		if err != nil {
			t.Errorf("Exec(%q): %v", sql, err)
			continue
		}
		for _, r := range res {
			if r.Err != nil || len(r.Rows) != 0 || r.CommandTag.String() != "" {
				t.Errorf("Exec(%q) = %+v, want an empty result", sql, r)
			}
		}
	}
	mustExec(t, conn, "SELECT 1")
}

func errorsAs(err error, target **pgconn.PgError) bool { return errors.As(err, target) }
