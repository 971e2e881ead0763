package meta

import (
	"fmt"
	"testing"
)

// clusterState returns a bootstrapped state of nodes nodes whose shards
// (meta first, then data shards 2..) have the replicas in placement.
func clusterState(nodes int, placement ...[]uint64) *State {
	s := &State{NextDatabaseID: 2, MetaReplicas: map[uint64]string{}}
	for i := 1; i <= nodes; i++ {
		s.Nodes = append(s.Nodes, Node{ID: uint64(i), RaftAddr: fmt.Sprintf("r%d", i)})
	}
	for i, ids := range placement {
		r := map[uint64]string{}
		for _, id := range ids {
			r[id] = fmt.Sprintf("r%d", id)
		}
		if i == 0 {
			s.MetaReplicas = r
			continue
		}
		s.Shards = append(s.Shards, Shard{ID: FirstDataShardID + uint64(i-1), Replicas: r})
	}
	return s
}

func TestPlanReplicas(t *testing.T) {
	for _, tc := range []struct {
		name   string
		s      *State
		factor int
		want   string
	}{
		{"one node", clusterState(1, []uint64{1}, []uint64{1}), 3, "[]"},
		{"second node joins", clusterState(2, []uint64{1}, []uint64{1}, []uint64{1}), 3,
			"[{1 2} {2 2} {3 2}]"},
		{"third node joins", clusterState(3, []uint64{1, 2}, []uint64{1, 2}), 3, "[{1 3} {2 3}]"},
		{"replicated", clusterState(3, []uint64{1, 2, 3}, []uint64{1, 2, 3}), 3, "[]"},
		{"factor 1", clusterState(3, []uint64{1}, []uint64{1}), 1, "[]"},
		{"least loaded first", clusterState(4, []uint64{1, 2}, []uint64{1, 2, 3}, []uint64{1}), 3,
			"[{1 4} {3 3} {3 4}]"},
		{"four nodes, factor 3, spread", clusterState(4, []uint64{1}, []uint64{1}, []uint64{1}), 3,
			"[{1 2} {1 3} {2 4} {2 2} {3 3} {3 4}]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := fmt.Sprint(PlanReplicas(tc.s, tc.factor)); got != tc.want {
				t.Errorf("PlanReplicas = %s, want %s", got, tc.want)
			}
		})
	}
}

func TestMetaMembersLegacy(t *testing.T) {
	s := &State{Nodes: []Node{{ID: 1, RaftAddr: "a"}, {ID: 2, RaftAddr: "b"}}}
	if got := fmt.Sprint(s.MetaMembers()); got != "map[1:a]" {
		t.Fatalf("MetaMembers of a state without placement = %s", got)
	}
}

func TestPlanReplicasSkipsInactiveNodes(t *testing.T) {
	s := clusterState(4, []uint64{1, 2, 3}, []uint64{1, 2, 4})
	s.Node(4).State = NodeDecommissioning
	// Shard 2 loses node 4's replica; node 3 is the only active node
	// left for it, even though the shard's replica there was removed
	// once (a rebalance): the new replica gets a new replica id.
	s.Shards[0].Removed = []uint64{3}
	if got := fmt.Sprint(PlanReplicas(s, 3)); got != "[{2 3}]" {
		t.Errorf("PlanReplicas = %s, want [{2 3}]", got)
	}
	if got, want := s.ReplicaID(2, 3), MakeReplicaID(3, 1); got != want {
		t.Errorf("ReplicaID(2, 3) = %#x, want %#x", got, want)
	}
}
