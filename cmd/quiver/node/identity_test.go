package node

import (
	"testing"
)

func TestIdentityRoundTrip(t *testing.T) {
	dir := t.TempDir()
	if id, err := readIdentity(dir); id != nil || err != nil {
		t.Fatalf("empty dir: %v, %v", id, err)
	}
	want := identity{NodeID: 1, ClusterID: 42, RaftAddr: "127.0.0.1:7433", DataShards: 4, Bootstrapped: true}
	if err := writeIdentity(dir, &want); err != nil {
		t.Fatal(err)
	}
	got, err := readIdentity(dir)
	if err != nil || *got != want {
		t.Fatalf("read back %+v, %v; want %+v", got, err, want)
	}
}

// TestUnfinishedBootstrap restarts a node whose node.json says the
// bootstrap never finished: the node redoes it without harm.
func TestUnfinishedBootstrap(t *testing.T) {
	dir := t.TempDir()
	n := startNode(t, testConfig(dir))
	createTable(t, n.Meta(), "t")
	if err := n.Stop(); err != nil {
		t.Fatal(err)
	}
	id, err := readIdentity(dir)
	if err != nil {
		t.Fatal(err)
	}
	id.Bootstrapped = false
	if err := writeIdentity(dir, id); err != nil {
		t.Fatal(err)
	}
	n = startNode(t, testConfig(dir))
	defer n.Stop()
	s := n.Meta().State()
	if s.Version != 2 || s.Table(1, "t") == nil || len(s.DataShards()) != DefaultDataShards {
		t.Fatalf("after redone bootstrap: version %d, tables %v, shards %v", s.Version, s.Tables, s.DataShards())
	}
	if id, _ := readIdentity(dir); !id.Bootstrapped {
		t.Fatal("node.json still says not bootstrapped")
	}
}
