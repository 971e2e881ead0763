package node

import (
	"fmt"
	"io"
	"sort"

	"github.com/quiverdb/quiver/meta"
)

// writeClusterMetrics writes, in Prometheus text format, the cluster
// figures of quiver_internal as this node sees them: nodes per state
// and placed replicas per shard from the meta state s, and the applied
// index, leadership and size of the replicas this node runs (local).
func writeClusterMetrics(w io.Writer, s *meta.State, local []meta.ReplicaStatus) error {
	states := map[string]int{}
	for i := range s.Nodes {
		states[s.Nodes[i].StateName()]++
	}
	var lines []string
	lines = append(lines, "# TYPE quiver_nodes gauge")
	for _, st := range []meta.NodeState{meta.NodeActive, meta.NodeDecommissioning, meta.NodeDecommissioned} {
		lines = append(lines, fmt.Sprintf("quiver_nodes{state=%q} %d", st, states[string(st)]))
	}
	lines = append(lines, "# TYPE quiver_shard_replicas gauge")
	for _, id := range s.ShardIDs() {
		r, _ := s.ReplicasOf(id)
		lines = append(lines, fmt.Sprintf("quiver_shard_replicas{shard=\"%d\"} %d", id, len(r)))
	}
	local = append([]meta.ReplicaStatus(nil), local...)
	sort.Slice(local, func(i, j int) bool { return local[i].Shard < local[j].Shard })
	for _, g := range []struct {
		name string
		val  func(meta.ReplicaStatus) int64
	}{
		{"quiver_shard_applied_index", func(r meta.ReplicaStatus) int64 { return int64(r.Applied) }},
		{"quiver_shard_is_leader", func(r meta.ReplicaStatus) int64 { return boolInt(r.Leader) }},
		{"quiver_shard_size_bytes", func(r meta.ReplicaStatus) int64 { return r.SizeBytes }},
	} {
		lines = append(lines, "# TYPE "+g.name+" gauge")
		for _, r := range local {
			lines = append(lines, fmt.Sprintf("%s{shard=\"%d\"} %d", g.name, r.Shard, g.val(r)))
		}
	}
	for _, l := range lines {
		if _, err := io.WriteString(w, l+"\n"); err != nil {
			return err
		}
	}
	return nil
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}
