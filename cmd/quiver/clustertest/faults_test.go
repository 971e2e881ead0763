package clustertest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// quorumLossBound is how long a statement may wait for a quorum that is
// gone before it must end with an error: the router's retry bound
// (router.DefaultTimeout, 10 s) or the meta shard's proposal timeout
// (meta.DefaultProposeTimeout, 10 s), plus slack for a loaded machine.
const quorumLossBound = 15 * time.Second

// actionable lists, per kind of statement, the SQLSTATEs a statement
// that cannot reach a quorum may end with: 40001 (nothing applied,
// retry), 40003 (a write's outcome is unknown), 08006/57P01 (the
// connection is going). Never XX000.
var actionable = map[string]bool{"40001": true, "40003": true, "08006": true, "57P01": true}

// TestQuorumLoss kills -9 two of three nodes: on the survivor a write, a
// read and a DDL statement each end within quorumLossBound with an
// actionable SQLSTATE, and the connection stays usable. After a restart
// of the two nodes, the same session succeeds again.
func TestQuorumLoss(t *testing.T) {
	procs := startCluster(t, 3)
	conn := connect(t, procs[0])
	execRetry(t, conn, "CREATE TABLE t (k INT PRIMARY KEY, v TEXT)")
	execRetry(t, conn, insertRange(0, 50))

	procs[1].Kill()
	procs[2].Kill()
	t.Log("killed node2 and node3")

	for _, sql := range []string{
		"SELECT count(*) FROM t",
		insertRange(50, 60),
		"CREATE TABLE u (k INT PRIMARY KEY)",
	} {
		pe, elapsed := failWithoutQuorum(t, conn, sql)
		t.Logf("%.40s: %s after %s: %s", sql, pe.Code, elapsed.Round(time.Millisecond), pe.Message)
		assertUsable(t, conn)
	}

	mustStart(t, procs[1])
	mustStart(t, procs[2])
	execRetry(t, conn, insertRange(60, 70))
	execRetry(t, conn, "CREATE TABLE u2 (k INT PRIMARY KEY)")
	// The write that failed without a quorum (keys 50..59) had an
	// unknown outcome: each shard's piece of it applied or not, and
	// undoing the applied ones needed the quorum that was gone.
	early := countWhere(t, conn, "k < 50")
	late := countWhere(t, conn, "k >= 60")
	if early != 50 || late != 10 {
		t.Fatalf("after the restart: %d rows below 50, %d from 60, want 50 and 10", early, late)
	}
}

// countWhere returns the number of rows of t that satisfy cond.
func countWhere(t *testing.T, conn *pgx.Conn, cond string) int64 {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	var n int64
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM t WHERE "+cond).Scan(&n); err != nil {
		t.Fatalf("count where %s: %v", cond, err)
	}
	return n
}

// failWithoutQuorum runs sql, which must fail within quorumLossBound
// with an actionable SQLSTATE; it returns the code and the time taken.
func failWithoutQuorum(t *testing.T, conn *pgx.Conn, sql string) (*pgconn.PgError, time.Duration) {
	t.Helper()
	// The client's own deadline is well past the bound, so the server's
	// error, not the client's cancellation, ends the statement.
	ctx, cancel := context.WithTimeout(context.Background(), 3*quorumLossBound)
	defer cancel()
	start := time.Now()
	_, err := conn.Exec(ctx, sql)
	elapsed := time.Since(start)
	var pe *pgconn.PgError
	switch {
	case err == nil:
		t.Fatalf("%.40s succeeded without a quorum", sql)
	case !errors.As(err, &pe):
		t.Fatalf("%.40s: not a server error after %s: %v", sql, elapsed, err)
	case !actionable[pe.Code]:
		t.Fatalf("%.40s: SQLSTATE %s (%s), want 40001, 40003, 08006 or 57P01", sql, pe.Code, pe.Message)
	case elapsed > quorumLossBound:
		t.Fatalf("%.40s: failed after %s, want at most %s: %v", sql, elapsed, quorumLossBound, pe)
	}
	return pe, elapsed
}

// assertUsable checks that conn still answers a statement that needs no
// shard.
func assertUsable(t *testing.T, conn *pgx.Conn) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var one int
	if err := conn.QueryRow(ctx, "SELECT 1").Scan(&one); err != nil || one != 1 {
		t.Fatalf("SELECT 1 after the failure: %d, %v", one, err)
	}
}
