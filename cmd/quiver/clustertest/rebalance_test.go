package clustertest

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/quiverdb/quiver/cmd/quiver/internal/quivertest"
)

// spread returns, from p's view, the replicas each node holds.
func spread(p *quivertest.Process) (map[uint64]int, error) {
	info, err := p.ClusterInfo()
	if err != nil {
		return nil, err
	}
	load := map[uint64]int{}
	for _, n := range info.Nodes {
		load[n] = 0
	}
	for _, sh := range info.Shards {
		for _, n := range sh.Placed {
			load[n]++
		}
	}
	return load, nil
}

// settled reports, from p's view, whether every shard is placed on
// three of nodes nodes and p runs exactly the replicas placed on it,
// each in a Raft group of the three placed replicas with a leader.
func settled(p *quivertest.Process, nodes int) error {
	info, err := p.ClusterInfo()
	if err != nil {
		return err
	}
	if len(info.Nodes) != nodes {
		return fmt.Errorf("%s knows %d nodes", p.Name, len(info.Nodes))
	}
	for _, sh := range info.Shards {
		here := slices.Contains(sh.Placed, info.NodeID)
		switch {
		case len(sh.Placed) != 3:
			return fmt.Errorf("%s: shard %d placed on %v", p.Name, sh.ID, sh.Placed)
		case here != sh.Running:
			return fmt.Errorf("%s: shard %d placed on %v, running here %v", p.Name, sh.ID, sh.Placed, sh.Running)
		case here && (!slices.Equal(sh.Members, sh.Placed) || sh.Leader == 0):
			return fmt.Errorf("%s: shard %d placed on %v, members %v, leader %d", p.Name, sh.ID, sh.Placed, sh.Members, sh.Leader)
		}
	}
	return nil
}

// waitFor polls cond every 200ms for up to timeout.
func waitFor(t *testing.T, procs []*quivertest.Process, what string, timeout time.Duration, cond func() error) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		err := cond()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			for _, p := range procs {
				t.Logf("%s log:\n%s", p.Name, p.Log())
			}
			t.Fatalf("%s: %v", what, err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// evenSpread reports whether p sees every shard with 3 replicas and
// the active nodes' loads within one of each other (skip: nodes not
// counted).
func evenSpread(p *quivertest.Process, skip uint64) error {
	load, err := spread(p)
	if err != nil {
		return err
	}
	lo, hi := 1<<30, 0
	for n, l := range load {
		if n == skip {
			continue
		}
		lo, hi = min(lo, l), max(hi, l)
	}
	if hi-lo > 1 {
		return fmt.Errorf("uneven spread %v", load)
	}
	return nil
}

// growToFour starts three nodes, loads rows 0..299 into table t, joins
// a fourth node and waits until the replicas are spread evenly over the
// four.
func growToFour(t *testing.T) []*quivertest.Process {
	t.Helper()
	procs := startCluster(t, 3)
	c1 := connect(t, procs[0])
	execRetry(t, c1, "CREATE TABLE t (k INT PRIMARY KEY, v TEXT)")
	execRetry(t, c1, insertRange(0, 300))

	p4 := newProcess(t, "node4", procs[0].RPCAddr)
	mustStart(t, p4)
	procs = append(procs, p4)
	waitFor(t, procs, "spread after node 4 joined", 90*time.Second, func() error {
		for _, p := range procs {
			if err := settled(p, 4); err != nil {
				return err
			}
		}
		return evenSpread(procs[0], 0)
	})
	return procs
}

// TestAddNodeRebalances grows a three-node cluster to four and waits
// until the replicas are spread evenly (every shard still on three
// nodes, each node running exactly the replicas placed on it), checks
// quiver_internal through SQL on every node and reads every row through
// every node.
func TestAddNodeRebalances(t *testing.T) {
	procs := growToFour(t)
	load, _ := spread(procs[0])
	t.Logf("spread with four nodes: %v", load)
	if load[4] < 3 {
		t.Fatalf("node 4 holds %d replicas: %v", load[4], load)
	}

	for _, p := range procs {
		checkInternalTables(t, p, 4)
	}

	// Every row is still there through every node.
	for _, p := range procs {
		c := connect(t, p)
		if n, sum := countRetry(t, c); n != 300 || sum != sumRange(300) {
			t.Fatalf("through %s after the rebalance: count %d sum %d", p.Name, n, sum)
		}
	}
}

// checkInternalTables queries quiver_internal through p until the
// heartbeats have filled it in: nodes nodes, every shard with a leader
// and three replicas.
func checkInternalTables(t *testing.T, p *quivertest.Process, nodes int) {
	t.Helper()
	c := connect(t, p)
	waitFor(t, []*quivertest.Process{p}, "quiver_internal through "+p.Name, 30*time.Second, func() error {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		var n, live int64
		if err := c.QueryRow(ctx, "SELECT count(*), count(last_heartbeat) FROM quiver_internal.nodes WHERE state = 'active'").Scan(&n, &live); err != nil {
			return err
		}
		if n != int64(nodes) || live != int64(nodes) {
			return fmt.Errorf("%d active nodes, %d with a heartbeat", n, live)
		}
		var shards, led, withSlots int64
		if err := c.QueryRow(ctx, "SELECT count(*), count(leader_node_id), sum(slot_count) FROM quiver_internal.shards WHERE replicas = 3").Scan(&shards, &led, &withSlots); err != nil {
			return err
		}
		if shards != 5 || led != 5 || withSlots != 256 {
			return fmt.Errorf("shards: %d with 3 replicas, %d led, %d slots", shards, led, withSlots)
		}
		var replicas, leaders int64
		if err := c.QueryRow(ctx, "SELECT count(*) FROM quiver_internal.replicas").Scan(&replicas); err != nil {
			return err
		}
		if err := c.QueryRow(ctx, "SELECT count(*) FROM quiver_internal.replicas WHERE is_leader").Scan(&leaders); err != nil {
			return err
		}
		if replicas != 15 || leaders != 5 {
			return fmt.Errorf("replicas: %d rows, %d leaders", replicas, leaders)
		}
		return nil
	})
}
