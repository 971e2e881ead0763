package node

import (
	"strings"
	"testing"

	"github.com/quiverdb/quiver/meta"
)

func TestWriteClusterMetrics(t *testing.T) {
	s := &meta.State{
		NextDatabaseID: 2,
		Nodes:          []meta.Node{{ID: 1}, {ID: 2, State: meta.NodeDecommissioning}, {ID: 3, State: meta.NodeActive}},
		MetaReplicas:   map[uint64]string{1: "a", 3: "c"},
		Shards:         []meta.Shard{{ID: 2, Replicas: map[uint64]string{1: "a"}}},
	}
	local := []meta.ReplicaStatus{{Shard: 2, Applied: 7, SizeBytes: 99}, {Shard: 1, Leader: true, Applied: 40}}
	var b strings.Builder
	if err := writeClusterMetrics(&b, s, local); err != nil {
		t.Fatal(err)
	}
	want := `# TYPE quiver_nodes gauge
quiver_nodes{state="active"} 2
quiver_nodes{state="decommissioning"} 1
quiver_nodes{state="decommissioned"} 0
# TYPE quiver_shard_replicas gauge
quiver_shard_replicas{shard="1"} 2
quiver_shard_replicas{shard="2"} 1
# TYPE quiver_shard_applied_index gauge
quiver_shard_applied_index{shard="1"} 40
quiver_shard_applied_index{shard="2"} 7
# TYPE quiver_shard_is_leader gauge
quiver_shard_is_leader{shard="1"} 1
quiver_shard_is_leader{shard="2"} 0
# TYPE quiver_shard_size_bytes gauge
quiver_shard_size_bytes{shard="1"} 0
quiver_shard_size_bytes{shard="2"} 99
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}
