package clustertest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/quiverdb/quiver/cmd/quiver/internal/quivertest"
)

// startCluster starts n processes, the 2nd.. joining the 1st, and waits
// until every shard has min(3, n) replicas on every node's view.
func startCluster(t *testing.T, n int) []*quivertest.Process {
	t.Helper()
	var procs []*quivertest.Process
	for i := 0; i < n; i++ {
		join := ""
		if i > 0 {
			join = procs[0].RPCAddr
		}
		p := newProcess(t, fmt.Sprintf("node%d", i+1), join)
		mustStart(t, p)
		procs = append(procs, p)
	}
	waitConverged(t, procs, n, min(3, n))
	return procs
}

// waitConverged waits until each running process sees the cluster of
// nodes converged to want replicas per shard.
func waitConverged(t *testing.T, procs []*quivertest.Process, nodes, want int) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		var err error
		for _, p := range procs {
			if err = converged(p, nodes, want); err != nil {
				break
			}
		}
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			for _, p := range procs {
				t.Logf("%s log:\n%s", p.Name, p.Log())
			}
			t.Fatalf("cluster did not converge: %v", err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// metaLeader returns the index in procs of the meta shard's leader.
func metaLeader(t *testing.T, procs []*quivertest.Process) int {
	t.Helper()
	info, err := procs[0].ClusterInfo()
	if err != nil {
		t.Fatal(err)
	}
	for _, sh := range info.Shards {
		if sh.ID == 1 {
			return int(sh.Leader) - 1
		}
	}
	t.Fatal("no meta shard in /debug/cluster")
	return -1
}

// connect opens a connection to p that the test's cleanup closes.
func connect(t *testing.T, p *quivertest.Process) *pgx.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, p.Conninfo())
	if err != nil {
		t.Fatalf("connect to %s: %v", p.Name, err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// retryable reports whether a statement failed in a way a client may
// retry: the cluster was electing a leader or a node was unreachable,
// and the statement did not apply.
func retryable(err error) bool {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return false
	}
	switch pe.Code {
	case "40001", "08006", "08000", "57P03", "42P01":
		return true
	}
	return false
}

// execRetry runs sql on conn, retrying retryable failures for up to 20s.
func execRetry(t *testing.T, conn *pgx.Conn, sql string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		_, err := conn.Exec(ctx, sql)
		cancel()
		if err == nil {
			return
		}
		if !retryable(err) || time.Now().After(deadline) {
			t.Fatalf("%s: %v", sql, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// countRetry returns count(*) and sum(k) of t through conn, retrying
// retryable failures for up to 20s.
func countRetry(t *testing.T, conn *pgx.Conn) (int64, int64) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		var n, sum int64
		err := conn.QueryRow(ctx, "SELECT count(*), coalesce(sum(k), 0) FROM t").Scan(&n, &sum)
		cancel()
		if err == nil {
			return n, sum
		}
		if !retryable(err) || time.Now().After(deadline) {
			t.Fatalf("count through %v: %v", conn.Config().Port, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// insertRange returns an INSERT of keys [from, to).
func insertRange(from, to int) string {
	var b strings.Builder
	b.WriteString("INSERT INTO t VALUES ")
	for k := from; k < to; k++ {
		if k > from {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "(%d, 'v%d')", k, k)
	}
	return b.String()
}

func sumRange(to int) int64 { return int64(to) * int64(to-1) / 2 }

// TestJoinLoadReadFailover starts three processes (two joining the
// first), creates a table through node 1, loads it through node 2 and
// reads it through node 3; then kills -9 a node that does not lead the
// meta shard, keeps writing and reading through the other two, restarts
// it and reads everything through it.
func TestJoinLoadReadFailover(t *testing.T) {
	procs := startCluster(t, 3)
	c1, c2, c3 := connect(t, procs[0]), connect(t, procs[1]), connect(t, procs[2])

	execRetry(t, c1, "CREATE TABLE t (k INT PRIMARY KEY, v TEXT)")
	execRetry(t, c2, insertRange(0, 200))
	if n, sum := countRetry(t, c3); n != 200 || sum != sumRange(200) {
		t.Fatalf("through node 3: count %d sum %d, want 200 %d", n, sum, sumRange(200))
	}

	// Kill a node that does not lead the meta shard.
	leader := metaLeader(t, procs)
	victim := 2
	if leader == 2 {
		victim = 1
	}
	var alive []*pgx.Conn
	for i, c := range []*pgx.Conn{c1, c2, c3} {
		if i != victim {
			alive = append(alive, c)
		}
	}
	procs[victim].Kill()
	t.Logf("killed %s (meta leader is node%d)", procs[victim].Name, leader+1)

	for i := 0; i < 4; i++ {
		from := 200 + i*50
		execRetry(t, alive[i%2], insertRange(from, from+50))
	}
	for _, c := range alive {
		if n, sum := countRetry(t, c); n != 400 || sum != sumRange(400) {
			t.Fatalf("after the kill: count %d sum %d, want 400 %d", n, sum, sumRange(400))
		}
	}

	// Restart it with the same flags: it resumes as the same node and
	// catches up.
	mustStart(t, procs[victim])
	waitConverged(t, procs, 3, 3)
	cv := connect(t, procs[victim])
	if n, sum := countRetry(t, cv); n != 400 || sum != sumRange(400) {
		t.Fatalf("through the restarted %s: count %d sum %d, want 400 %d", procs[victim].Name, n, sum, sumRange(400))
	}
	execRetry(t, cv, insertRange(400, 450))
	if n, _ := countRetry(t, alive[0]); n != 450 {
		t.Fatalf("after writing through the restarted node: count %d, want 450", n)
	}
}

// TestKillMetaLeader kills -9 the meta shard's leader: the two others
// elect a new one and keep serving DDL, writes and reads.
func TestKillMetaLeader(t *testing.T) {
	procs := startCluster(t, 3)
	leader := metaLeader(t, procs)
	var alive []*pgx.Conn
	for i, p := range procs {
		if i != leader {
			alive = append(alive, connect(t, p))
		}
	}
	execRetry(t, alive[0], "CREATE TABLE t (k INT PRIMARY KEY, v TEXT)")
	execRetry(t, alive[1], insertRange(0, 100))
	procs[leader].Kill()
	t.Logf("killed the meta leader %s", procs[leader].Name)
	execRetry(t, alive[1], "CREATE TABLE u (k INT PRIMARY KEY)")
	execRetry(t, alive[0], insertRange(100, 200))
	for _, c := range alive {
		if n, sum := countRetry(t, c); n != 200 || sum != sumRange(200) {
			t.Fatalf("after killing the meta leader: count %d sum %d, want 200 %d", n, sum, sumRange(200))
		}
	}
}
