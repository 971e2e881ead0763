package meta

import (
	"fmt"
	"testing"
)

// withState returns s with node id's state set.
func withState(s *State, id uint64, st NodeState) *State {
	s.Node(id).State = st
	return s
}

func TestPlanRemovals(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    *State
		want string
	}{
		{"replicated", clusterState(3, []uint64{1, 2, 3}, []uint64{1, 2, 3}), "[]"},
		{"moved onto node 4: remove from the most loaded", clusterState(4, []uint64{1, 2, 3}, []uint64{1, 2, 3, 4}, []uint64{1, 2, 3}),
			"[{2 3}]"},
		{"decommissioning node first", withState(clusterState(4, []uint64{1, 2, 4, 3}, []uint64{1, 2, 3}), 4, NodeDecommissioning),
			"[{1 4}]"},
		{"not below the target", withState(clusterState(3, []uint64{1, 2, 3}, []uint64{1, 2, 3}), 3, NodeDecommissioning),
			"[{1 3} {2 3}]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := fmt.Sprint(PlanRemovals(tc.s, 3)); got != tc.want {
				t.Errorf("PlanRemovals = %s, want %s", got, tc.want)
			}
		})
	}
}

// TestRebalanceConverges runs the controller's policy on a fourth node
// joining a three-node cluster of five shards until nothing is left to
// do, and checks that the spread is even and the factor kept.
func TestRebalanceConverges(t *testing.T) {
	all := []uint64{1, 2, 3}
	s := clusterState(4, all, all, all, all, all)
	steps := 0
	for ; steps < 100; steps++ {
		if rm := PlanRemovals(s, 3); len(rm) > 0 {
			s = mustApply(t, s, &Command{RemoveReplica: &RemoveReplica{Shard: rm[0].Shard, Node: rm[0].Node}})
			continue
		}
		m, ok := PlanRebalance(s, 3)
		if !ok {
			break
		}
		s = mustApply(t, s, &Command{AddReplica: &AddReplica{Shard: m.Shard, Node: m.Node}})
	}
	load := replicaLoad(s)
	if got := fmt.Sprint(load); got != "map[1:4 2:4 3:4 4:3]" {
		t.Errorf("load after %d steps = %s", steps, got)
	}
	for _, id := range s.ShardIDs() {
		if r, _ := s.ReplicasOf(id); len(r) != 3 {
			t.Errorf("shard %d has %d replicas", id, len(r))
		}
	}
}

// TestDecommissionConverges drains node 4 of a four-node cluster.
func TestDecommissionConverges(t *testing.T) {
	s := clusterState(4, []uint64{1, 2, 4}, []uint64{2, 3, 4}, []uint64{1, 3, 4}, []uint64{1, 2, 3})
	s = mustApply(t, s, &Command{SetNodeState: &SetNodeState{Node: 4, State: NodeDecommissioning}})
	for steps := 0; steps < 100; steps++ {
		if adds := PlanReplicas(s, 3); len(adds) > 0 {
			s = mustApply(t, s, &Command{AddReplica: &AddReplica{Shard: adds[0].Shard, Node: adds[0].Node}})
			continue
		}
		rm := PlanRemovals(s, 3)
		if len(rm) == 0 {
			break
		}
		s = mustApply(t, s, &Command{RemoveReplica: &RemoveReplica{Shard: rm[0].Shard, Node: rm[0].Node}})
	}
	if n := s.ReplicaCount(4); n != 0 {
		t.Fatalf("node 4 still holds %d replicas", n)
	}
	s = mustApply(t, s, &Command{SetNodeState: &SetNodeState{Node: 4, State: NodeDecommissioned}})
	if got := fmt.Sprint(replicaLoad(s)); got != "map[1:4 2:4 3:4]" {
		t.Errorf("load = %s", got)
	}
}

func mustApply(t *testing.T, s *State, cmd *Command) *State {
	t.Helper()
	o := apply(s, cmd)
	if o.err != nil {
		t.Fatalf("apply %+v: %v", cmd, o.err)
	}
	return o.state
}

func TestPlanLeaderTransfer(t *testing.T) {
	all := []uint64{1, 2, 3}
	s := clusterState(3, all, all, all, all)
	report := func(node uint64, at int64, leads ...uint64) {
		var rs []ReplicaStatus
		for _, sh := range leads {
			rs = append(rs, ReplicaStatus{Shard: sh, Leader: true})
		}
		s = mustApply(t, s, &Command{Heartbeat: &Heartbeat{Node: node, At: at, Replicas: rs}})
	}
	report(1, 10, 1, 2, 3)
	report(2, 10, 4)
	if m, ok := PlanLeaderTransfer(s); !ok || m != (LeaderMove{Shard: 1, From: 1, To: 3}) {
		t.Fatalf("PlanLeaderTransfer = %+v %v, want shard 1 from 1 to 3", m, ok)
	}
	report(1, 20, 2, 3)
	report(3, 20, 1)
	if m, ok := PlanLeaderTransfer(s); ok {
		t.Fatalf("even spread: PlanLeaderTransfer = %+v", m)
	}
}
