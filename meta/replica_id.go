package meta

// Replica ids. dragonboat never accepts a removed replica id into a
// shard again, so a replica placed on a node its shard was removed from
// needs an id never used before. A replica id therefore carries the
// node id in its low bits and, above them, the replica's generation:
// how many times the shard's replica on that node was removed before
// (generation 0 is the node id itself, as before removals existed).

// generationShift is where the generation starts in a replica id; node
// ids stay below 1<<generationShift.
const generationShift = 32

// MakeReplicaID returns the replica id of generation gen on node.
func MakeReplicaID(node uint64, gen uint64) uint64 {
	return gen<<generationShift | node
}

// NodeOfReplica returns the node id a replica id belongs to.
func NodeOfReplica(replica uint64) uint64 {
	return replica & (1<<generationShift - 1)
}

// GenerationOf returns a replica id's generation.
func GenerationOf(replica uint64) uint64 {
	return replica >> generationShift
}

// Removals returns how many times shard's replica on node was removed.
func (s *State) Removals(shard, node uint64) uint64 {
	var n uint64
	for _, id := range s.removedList(shard) {
		if id == node {
			n++
		}
	}
	return n
}

// ReplicaID returns the replica id of shard's current (or next)
// replica on node: its generation is the number of removals before it.
func (s *State) ReplicaID(shard, node uint64) uint64 {
	return MakeReplicaID(node, s.Removals(shard, node))
}

// ReplicaRemoved reports whether replica (an id of any generation) of
// shard was removed: positive evidence that it must stop.
func (s *State) ReplicaRemoved(shard, replica uint64) bool {
	return s.Removals(shard, NodeOfReplica(replica)) > GenerationOf(replica)
}

// removedList returns shard's removal record: one node id per removal.
func (s *State) removedList(shard uint64) []uint64 {
	if shard == MetaShardID {
		return s.MetaRemoved
	}
	for i := range s.Shards {
		if s.Shards[i].ID == shard {
			return s.Shards[i].Removed
		}
	}
	return nil
}
