package meta

import "sort"

// DefaultReplicationFactor is the number of replicas every shard, the meta
// shard included, has once the cluster has that many nodes.
const DefaultReplicationFactor = 3

// Move is one placement decision: add a replica of Shard on Node.
type Move struct {
	Shard uint64
	Node  uint64
}

// PlanReplicas returns the replicas to add so that every shard (the meta
// shard first, then the data shards in order) has min(factor, active
// nodes) replicas on distinct active nodes; a replica on a
// decommissioning node does not count. Each new replica goes to the
// active node that holds the fewest replicas (counting the moves planned
// before it), ties broken by the lower node id. A node the shard's
// replica was removed from is a candidate like any other (its new
// replica gets a new replica id, State.ReplicaID): with as many active
// nodes as replicas, a decommission needs exactly those nodes. It is a
// pure function of s.
func PlanReplicas(s *State, factor int) []Move {
	load := replicaLoad(s)
	var moves []Move
	for _, id := range s.ShardIDs() {
		replicas, _ := s.ReplicasOf(id)
		want := s.targetReplicas(factor)
		have := map[uint64]bool{}
		exclude := map[uint64]bool{}
		for n := range replicas {
			exclude[n] = true
			if node := s.Node(n); node != nil && node.Active() {
				have[n] = true
			}
		}
		for len(have) < want {
			node, ok := leastLoaded(s.candidates(exclude), load)
			if !ok {
				break
			}
			have[node], exclude[node] = true, true
			load[node]++
			moves = append(moves, Move{Shard: id, Node: node})
		}
	}
	return moves
}

// targetReplicas is the number of replicas every shard should have.
func (s *State) targetReplicas(factor int) int {
	return max(1, min(factor, len(s.ActiveNodes())))
}

// candidates returns the active nodes not in exclude: those that may
// receive a replica of a shard.
func (s *State) candidates(exclude map[uint64]bool) []uint64 {
	var ids []uint64
	for _, id := range s.ActiveNodes() {
		if !exclude[id] {
			ids = append(ids, id)
		}
	}
	return ids
}

// replicaLoad counts the replicas (meta and data) each node holds.
func replicaLoad(s *State) map[uint64]int {
	load := map[uint64]int{}
	for _, id := range s.ShardIDs() {
		replicas, _ := s.ReplicasOf(id)
		for n := range replicas {
			load[n]++
		}
	}
	return load
}

// leastLoaded returns the node of ids with the lowest load, ties broken
// by the lower id.
func leastLoaded(ids []uint64, load map[uint64]int) (uint64, bool) {
	if len(ids) == 0 {
		return 0, false
	}
	ids = append([]uint64(nil), ids...)
	sort.Slice(ids, func(i, j int) bool {
		if load[ids[i]] != load[ids[j]] {
			return load[ids[i]] < load[ids[j]]
		}
		return ids[i] < ids[j]
	})
	return ids[0], true
}
