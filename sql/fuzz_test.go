package sql

import (
	"context"
	"testing"

	"github.com/quiverdb/quiver/internal/pgerror"
)

// FuzzStatements runs arbitrary SQL through a session over a small table
// and fails on a panic or an internal error (XX000): every mistake in
// user input must end as a PostgreSQL error with its own SQLSTATE.
//
//	go test ./sql -run '^$' -fuzz FuzzStatements -fuzztime 60s
func FuzzStatements(f *testing.F) {
	for _, seed := range []string{
		"SELECT k, v FROM t WHERE k = 1",
		"SELECT count(*), sum(k), avg(n) FROM t GROUP BY v HAVING count(*) > 1 ORDER BY 1 DESC LIMIT 2",
		"INSERT INTO t VALUES (4, 'd', 2.5), (5, NULL, DEFAULT)",
		"UPDATE t SET v = v || 'x', n = n * 2 WHERE k BETWEEN 1 AND 2",
		"DELETE FROM t WHERE v LIKE 'a%' OR v IS NULL",
		"SELECT CASE WHEN k > 1 THEN 'big' ELSE NULL END, coalesce(v, 'none'), nullif(k, 2) FROM t",
		"SELECT 1/0, -2147483648::int4 / -1, 'abc'::int, 1e400::float8",
		"SELECT k FROM t WHERE k IN (1, 2, NULL) AND NOT (v <> 'a') IS NOT TRUE",
		"SELECT $1", "SELECT DISTINCT v FROM t ORDER BY v NULLS FIRST OFFSET 1",
		"CREATE TABLE u (a int, b text, PRIMARY KEY (a, b)); DROP TABLE u",
		"SELECT round(n, 1), abs(k), lower(v), substr(v, 2), length(v) FROM t",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, query string) {
		s := newTestSession(t)
		mustRun(t, s, "CREATE TABLE t (k INT PRIMARY KEY, v TEXT, n NUMERIC(6,2))")
		mustRun(t, s, "INSERT INTO t VALUES (1, 'a', 1.5), (2, 'b', NULL), (3, NULL, -2)")
		err := s.ExecSimple(context.Background(), query, &textWriter{})
		if err != nil && pgerror.CodeOf(err) == pgerror.InternalError {
			t.Fatalf("%q: internal error: %v", query, err)
		}
	})
}
