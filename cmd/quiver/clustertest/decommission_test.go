package clustertest

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"github.com/quiverdb/quiver/cmd/quiver/internal/quivertest"
)

// decommission runs `quiver node decommission` against rpcAddr for node
// id and returns its output; it fails the test unless the command ends
// successfully within timeout.
func decommission(t *testing.T, procs []*quivertest.Process, rpcAddr string, id uint64, timeout time.Duration) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	var out bytes.Buffer
	cmd := exec.CommandContext(ctx, quivertest.Binary(), "node", "decommission", "--rpc-addr", rpcAddr, strconv.FormatUint(id, 10))
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		for _, p := range procs {
			t.Logf("%s log:\n%s", p.Name, p.Log())
		}
		t.Fatalf("quiver node decommission %d: %v\n%s", id, err, out.String())
	}
	return out.String()
}

// nodeState returns node id's state in quiver_internal.nodes through p.
func nodeState(t *testing.T, p *quivertest.Process, id uint64) string {
	t.Helper()
	c := connect(t, p)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var state string
	if err := c.QueryRow(ctx, "SELECT state FROM quiver_internal.nodes WHERE node_id = $1", int64(id)).Scan(&state); err != nil {
		t.Fatalf("quiver_internal.nodes through %s: %v", p.Name, err)
	}
	return state
}

// drained reports, from every running process's view, whether the
// cluster settled on nodes nodes with no replica placed on or running
// at node id.
func drained(procs []*quivertest.Process, nodes int, id uint64) error {
	for _, p := range procs {
		if err := settled(p, nodes); err != nil {
			return err
		}
	}
	load, err := spread(procs[0])
	if err != nil {
		return err
	}
	if load[id] != 0 {
		return fmt.Errorf("node %d still holds %d replicas: %v", id, load[id], load)
	}
	return nil
}

// TestDecommissionMetaLeader grows a cluster to four nodes (so that the
// rebalance removes replicas from the first three), then decommissions
// the meta shard's leader with `quiver node decommission`: every replica,
// the meta shard's included, moves off it within a bounded time, it is
// marked decommissioned, and every row stays readable and writable
// through the others. The decommissioned node is then killed (nothing
// is lost) and restarted: it gets no replica back and stays
// decommissioned.
func TestDecommissionMetaLeader(t *testing.T) {
	procs := growToFour(t)

	leader := metaLeader(t, procs)
	victim := procs[leader]
	id := uint64(leader + 1)
	var rest []*quivertest.Process
	for i, p := range procs {
		if i != leader {
			rest = append(rest, p)
		}
	}
	start := time.Now()
	out := decommission(t, procs, rest[0].RPCAddr, id, 60*time.Second)
	t.Logf("decommissioned the meta leader node%d in %v:\n%s", id, time.Since(start).Round(time.Millisecond), out)
	waitFor(t, procs, "node "+strconv.FormatUint(id, 10)+" drained", 30*time.Second, func() error {
		return drained(procs, 4, id)
	})
	if st := nodeState(t, rest[0], id); st != "decommissioned" {
		t.Fatalf("quiver_internal.nodes shows node %d %s, want decommissioned", id, st)
	}

	// Stopping it loses nothing: every row is read, and written, through
	// each remaining node.
	victim.Kill()
	for i, p := range rest {
		c := connect(t, p)
		if n, sum := countRetry(t, c); n != int64(300+i*10) || sum != sumRange(300+i*10) {
			t.Fatalf("through %s after the decommission: count %d sum %d, want %d", p.Name, n, sum, 300+i*10)
		}
		execRetry(t, c, insertRange(300+i*10, 310+i*10))
	}

	// Restarting it brings no replica back.
	mustStart(t, victim)
	time.Sleep(3 * time.Second) // a few reconcile and placement rounds
	waitFor(t, procs, "restarted node stays drained", 30*time.Second, func() error {
		return drained(procs, 4, id)
	})
	if st := nodeState(t, victim, id); st != "decommissioned" {
		t.Fatalf("quiver_internal.nodes through the restarted node shows node %d %s", id, st)
	}
	if n, sum := countRetry(t, connect(t, victim)); n != 330 || sum != sumRange(330) {
		t.Fatalf("through the restarted node: count %d sum %d, want 330", n, sum)
	}
}
