package clustertest

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// TestSnapshotCatchUp runs every replica with a snapshot every 20
// entries and 5 kept in the log (--snapshot-entries through the
// environment), kills -9 a node, writes enough through another that the
// leaders compact their logs past what the dead node has applied, then
// restarts it: it can only catch up by snapshot. Its replicas must reach
// the leaders' applied indexes and every row must be readable through
// it.
func TestSnapshotCatchUp(t *testing.T) {
	t.Setenv("QUIVER_SNAPSHOT_ENTRIES", "20/5")
	procs := startCluster(t, 3)
	victim := 2
	if metaLeader(t, procs) == victim {
		victim = 1
	}
	conn := connect(t, procs[0])
	execRetry(t, conn, "CREATE TABLE t (k INT PRIMARY KEY, v TEXT)")
	execRetry(t, conn, insertRange(0, 20))
	waitApplied(t, conn, uint64(victim+1), map[int64]int64{2: 1, 3: 1, 4: 1, 5: 1})
	before := appliedOf(t, conn, uint64(victim+1))

	procs[victim].Kill()
	// 150 statements of 5 rows: each data shard gets dozens of entries,
	// several snapshots' worth.
	for i := 0; i < 150; i++ {
		execRetry(t, conn, insertRange(20+5*i, 25+5*i))
	}
	const rows = 770
	// The leaders' applied indexes come from heartbeats (every 2 s): wait
	// until they show the load.
	var leaders map[int64]int64
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(200 * time.Millisecond) {
		leaders = leaderApplied(t, conn)
		shard, idx, behind := lagging(before, leaders, 25)
		if !behind {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("shard %d advanced from %d to only %d: its log may still hold what the dead node needs", shard, before[shard], idx)
		}
	}

	if len(before) == 0 || len(leaders) != len(before) {
		t.Fatalf("applied indexes: dead node %v, leaders %v", before, leaders)
	}
	t.Logf("applied before the kill %v, leaders after the load %v", before, leaders)
	mustStart(t, procs[victim])
	waitConverged(t, procs, 3, 3)
	cv := connect(t, procs[victim])
	waitApplied(t, cv, uint64(victim+1), leaders)
	if n, sum := countRetry(t, cv); n != rows || sum != sumRange(rows) {
		t.Fatalf("through the restarted node: count %d sum %d, want %d %d", n, sum, rows, sumRange(rows))
	}
}

// lagging returns a shard whose index in now is not at least by ahead of
// its index in before, if any.
func lagging(before, now map[int64]int64, by int64) (shard, idx int64, behind bool) {
	for shard, idx := range now {
		if idx < before[shard]+by {
			return shard, idx, true
		}
	}
	return 0, 0, false
}

// appliedOf returns node's applied index of each data shard, as
// quiver_internal.replicas reports it.
func appliedOf(t *testing.T, conn *pgx.Conn, node uint64) map[int64]int64 {
	t.Helper()
	return replicaIndexes(t, conn, "node_id = $1", node)
}

// leaderApplied returns each data shard leader's applied index.
func leaderApplied(t *testing.T, conn *pgx.Conn) map[int64]int64 {
	t.Helper()
	return replicaIndexes(t, conn, "is_leader AND $1::int8 = 0", 0)
}

func replicaIndexes(t *testing.T, conn *pgx.Conn, cond string, arg uint64) map[int64]int64 {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	rows, err := conn.Query(ctx, "SELECT shard_id, coalesce(applied_index, 0) FROM quiver_internal.replicas WHERE shard_id > 1 AND "+cond, int64(arg))
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64]int64{}
	for rows.Next() {
		var shard, idx int64
		if err := rows.Scan(&shard, &idx); err != nil {
			t.Fatal(err)
		}
		out[shard] = idx
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// waitApplied waits until node's replicas report at least want's
// applied indexes.
func waitApplied(t *testing.T, conn *pgx.Conn, node uint64, want map[int64]int64) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		got := appliedOf(t, conn, node)
		behind := false
		for shard, idx := range want {
			behind = behind || got[shard] < idx
		}
		if !behind {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("node %d's replicas at %v, want at least %v", node, got, want)
		}
		time.Sleep(200 * time.Millisecond)
	}
}
