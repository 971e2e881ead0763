package node

import (
	"context"
	"log/slog"
	"os"
	"testing"
	"time"

	"github.com/lni/dragonboat/v4"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/meta"
	"github.com/quiverdb/quiver/shard"
)

// startCluster starts n in-process nodes, the 2nd.. joining the 1st.
func startCluster(t *testing.T, n int) []*Node {
	t.Helper()
	var nodes []*Node
	t.Cleanup(func() {
		for i := len(nodes) - 1; i >= 0; i-- {
			nodes[i].Stop()
		}
	})
	for i := 0; i < n; i++ {
		cfg := testConfig(t.TempDir())
		cfg.DataShards = 2
		if testing.Verbose() {
			cfg.Logger = slog.New(slog.NewTextHandler(os.Stderr, nil)).With("n", i+1)
		}
		if i > 0 {
			cfg.Join = []string{nodes[0].RPCAddr()}
		}
		nodes = append(nodes, startNode(t, cfg))
	}
	return nodes
}

// waitReplicated waits until every node's meta state places every shard
// on want nodes and each node runs a replica of each shard whose Raft
// membership has want voters.
func waitReplicated(t *testing.T, nodes []*Node, want int) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		err := replicationGap(nodes, want)
		if err == "" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("shards not replicated %d times: %s", want, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func replicationGap(nodes []*Node, want int) string {
	for _, n := range nodes {
		s := n.Meta().State()
		if len(s.Nodes) != len(nodes) {
			return "node list incomplete"
		}
		for _, id := range s.ShardIDs() {
			if r, _ := s.ReplicasOf(id); len(r) != want {
				return "placement incomplete"
			}
		}
		info := n.nh.GetNodeHostInfo(dragonboat.NodeHostInfoOption{SkipLogInfo: true})
		running := 0
		for _, si := range info.ShardInfoList {
			if len(si.Replicas) != want {
				return "membership incomplete"
			}
			running++
		}
		if running != len(s.ShardIDs()) {
			return "replicas not running"
		}
	}
	return ""
}

// TestJoinReplicates joins two nodes to a first one: every shard gets a
// replica on each, ids are assigned by the meta shard, writes through
// any node reach the same shard, and a restarted joined node resumes
// under its id.
func TestJoinReplicates(t *testing.T) {
	nodes := startCluster(t, 3)
	for i, n := range nodes {
		if n.ID() != uint64(i+1) {
			t.Fatalf("node %d got id %d", i+1, n.ID())
		}
	}
	waitReplicated(t, nodes, 3)
	createTable(t, nodes[1].Meta(), "t")
	waitFor(t, func() bool { return nodes[2].Meta().State().Table(meta.PostgresDatabaseID, "t") != nil })

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	insert := &shard.WriteCommand{Ops: []shard.Op{{Kind: shard.OpInsert, Key: []byte("k"), Value: []byte("v")}}}
	ids := nodes[0].Meta().State().DataShards()
	for _, id := range ids {
		if err := nodes[2].Shards().Write(ctx, id, insert); err != nil {
			t.Fatalf("write to shard %d through node 3: %v", id, err)
		}
		if err := nodes[1].Shards().Write(ctx, id, insert); pgerror.CodeOf(err) != pgerror.UniqueViolation {
			t.Fatalf("rewrite to shard %d through node 2: %v, want 23505", id, err)
		}
	}

	// A joined node restarts as itself, with or without --join.
	cfg := nodes[2].cfg
	cfg.ListenAddr, cfg.RPCAddr, cfg.HTTPAddr = "127.0.0.1:0", "127.0.0.1:0", "127.0.0.1:0"
	if err := nodes[2].Stop(); err != nil {
		t.Fatal(err)
	}
	nodes[2] = startNode(t, cfg)
	if nodes[2].ID() != 3 || len(nodes[2].Meta().State().Nodes) != 3 {
		t.Fatalf("restarted node 3: id %d, nodes %v", nodes[2].ID(), nodes[2].Meta().State().Nodes)
	}
	for _, id := range ids {
		if err := nodes[2].Shards().Write(ctx, id, insert); pgerror.CodeOf(err) != pgerror.UniqueViolation {
			t.Fatalf("rewrite to shard %d through restarted node 3: %v, want 23505", id, err)
		}
	}
	// Its new RPC address reaches the other nodes' meta state.
	waitFor(t, func() bool { return nodes[0].Meta().State().Node(3).RPCAddr == nodes[2].RPCAddr() })
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 10s")
		}
		time.Sleep(50 * time.Millisecond)
	}
}
