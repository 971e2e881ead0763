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
// shard first, then the data shards in order) has min(factor, nodes)
// replicas on distinct nodes. Each new replica goes to the node that
// holds the fewest replicas (counting the moves planned before it), ties
// broken by the lower node id. It is a pure function of s.
func PlanReplicas(s *State, factor int) []Move {
	load := replicaLoad(s)
	var moves []Move
	for _, id := range s.ShardIDs() {
		replicas, _ := s.ReplicasOf(id)
		want := min(factor, len(s.Nodes))
		have := map[uint64]bool{}
		for n := range replicas {
			have[n] = true
		}
		for len(have) < want {
			node, ok := leastLoaded(s.Nodes, have, load)
			if !ok {
				break
			}
			have[node] = true
			load[node]++
			moves = append(moves, Move{Shard: id, Node: node})
		}
	}
	return moves
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

// leastLoaded returns the node not in exclude with the lowest load.
func leastLoaded(nodes []Node, exclude map[uint64]bool, load map[uint64]int) (uint64, bool) {
	ids := make([]uint64, 0, len(nodes))
	for _, n := range nodes {
		if !exclude[n.ID] {
			ids = append(ids, n.ID)
		}
	}
	if len(ids) == 0 {
		return 0, false
	}
	sort.Slice(ids, func(i, j int) bool {
		if load[ids[i]] != load[ids[j]] {
			return load[ids[i]] < load[ids[j]]
		}
		return ids[i] < ids[j]
	})
	return ids[0], true
}
