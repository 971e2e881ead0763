package meta

import "sort"

// PlanRemovals returns, for each shard with more replicas than the
// target (a replica was added to move it, or a node is
// decommissioning), the one replica to remove: one on an inactive node
// first, else the one on the most loaded node (ties: the higher id).
// The caller removes a replica only once the others are Raft members
// that caught up, so a shard never drops below the target or loses its
// quorum. It is a pure function of s.
func PlanRemovals(s *State, factor int) []Move {
	load := replicaLoad(s)
	want := s.targetReplicas(factor)
	var out []Move
	for _, id := range s.ShardIDs() {
		replicas, _ := s.ReplicasOf(id)
		if len(replicas) <= want {
			continue
		}
		out = append(out, Move{Shard: id, Node: s.removalVictim(replicas, load)})
	}
	return out
}

// removalVictim picks the replica of replicas to remove.
func (s *State) removalVictim(replicas map[uint64]string, load map[uint64]int) uint64 {
	ids := sortedKeys(replicas)
	rank := func(id uint64) int {
		if n := s.Node(id); n == nil || !n.Active() {
			return 1 << 30
		}
		return load[id]
	}
	victim := ids[0]
	for _, id := range ids[1:] {
		if rank(id) >= rank(victim) {
			victim = id
		}
	}
	return victim
}

// PlanRebalance returns one replica to add to even out the spread: when
// the most loaded active node holds at least two replicas more than the
// least loaded one, a replica of a shard on the former (the lowest
// shard id, data shards before the meta shard) is added on the latter;
// PlanRemovals then removes the one on the most loaded node. It returns
// false when the spread is even or something else is pending (adds or
// removals): moves happen one at a time.
func PlanRebalance(s *State, factor int) (Move, bool) {
	if len(PlanReplicas(s, factor)) > 0 || len(PlanRemovals(s, factor)) > 0 {
		return Move{}, false
	}
	load := replicaLoad(s)
	active := s.ActiveNodes()
	if len(active) < 2 {
		return Move{}, false
	}
	sort.Slice(active, func(i, j int) bool {
		if load[active[i]] != load[active[j]] {
			return load[active[i]] < load[active[j]]
		}
		return active[i] < active[j]
	})
	for hi := len(active) - 1; hi > 0; hi-- {
		for lo := 0; lo < hi && load[active[hi]]-load[active[lo]] >= 2; lo++ {
			if m, ok := s.movable(active[hi], active[lo]); ok {
				return m, true
			}
		}
	}
	return Move{}, false
}

// movable returns a move of a replica of a shard on from to to, if a
// shard has a replica on from and none on to. Data shards come first: moving the meta shard moves the
// controller's own group.
func (s *State) movable(from, to uint64) (Move, bool) {
	ids := append(s.ShardIDs()[1:], MetaShardID)
	for _, id := range ids {
		replicas, _ := s.ReplicasOf(id)
		_, onFrom := replicas[from]
		_, onTo := replicas[to]
		if onFrom && !onTo {
			return Move{Shard: id, Node: to}, true
		}
	}
	return Move{}, false
}

// LeaderMove is a leadership transfer of Shard from node From to node
// To.
type LeaderMove struct {
	Shard, From, To uint64
}

// PlanLeaderTransfer returns one leadership transfer that evens out the
// number of shards each active node leads, from the leaders the nodes
// reported in their heartbeats: when an active node leads at least two
// shards more than another active node holding a replica of one of
// them, that shard's leadership moves there. Leaders on inactive nodes
// move first, to any active replica.
func PlanLeaderTransfer(s *State) (LeaderMove, bool) {
	leads := map[uint64][]uint64{} // node -> shards it leads
	for _, id := range s.ShardIDs() {
		if l := s.ReportedLeader(id); l != 0 {
			leads[l] = append(leads[l], id)
		}
	}
	active := s.ActiveNodes()
	for _, n := range s.Nodes {
		if !n.Active() && len(leads[n.ID]) > 0 {
			if m, ok := s.leaderTarget(leads[n.ID], n.ID, active, leads, 1<<30); ok {
				return m, true
			}
		}
	}
	sort.Slice(active, func(i, j int) bool {
		if len(leads[active[i]]) != len(leads[active[j]]) {
			return len(leads[active[i]]) > len(leads[active[j]])
		}
		return active[i] < active[j]
	})
	for _, from := range active {
		if m, ok := s.leaderTarget(leads[from], from, active, leads, len(leads[from])); ok {
			return m, true
		}
	}
	return LeaderMove{}, false
}

// leaderTarget finds, among shards led by from, one with a replica on an
// active node leading at most count-2 shards (the fewest first).
func (s *State) leaderTarget(shards []uint64, from uint64, active []uint64, leads map[uint64][]uint64, count int) (LeaderMove, bool) {
	to := append([]uint64(nil), active...)
	sort.Slice(to, func(i, j int) bool {
		if len(leads[to[i]]) != len(leads[to[j]]) {
			return len(leads[to[i]]) < len(leads[to[j]])
		}
		return to[i] < to[j]
	})
	for _, t := range to {
		if t == from || len(leads[t]) > count-2 {
			continue
		}
		for _, sh := range shards {
			replicas, _ := s.ReplicasOf(sh)
			if _, ok := replicas[t]; ok {
				return LeaderMove{Shard: sh, From: from, To: t}, true
			}
		}
	}
	return LeaderMove{}, false
}

func sortedKeys(m map[uint64]string) []uint64 {
	ids := make([]uint64, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids
}
