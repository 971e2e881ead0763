package meta

// Node returns the member with id, or nil.
func (s *State) Node(id uint64) *Node {
	for i := range s.Nodes {
		if s.Nodes[i].ID == id {
			return &s.Nodes[i]
		}
	}
	return nil
}

// NodeByRaftAddr returns the member whose raft address is addr, or nil.
func (s *State) NodeByRaftAddr(addr string) *Node {
	for i := range s.Nodes {
		if s.Nodes[i].RaftAddr == addr {
			return &s.Nodes[i]
		}
	}
	return nil
}

// MetaMembers returns a copy of the meta shard's placement: replica id
// (node id) -> raft address. A state recorded before placement was
// tracked places the meta shard on its first node only.
func (s *State) MetaMembers() map[uint64]string {
	if len(s.MetaReplicas) > 0 {
		return cloneReplicas(s.MetaReplicas)
	}
	out := map[uint64]string{}
	if len(s.Nodes) > 0 {
		out[s.Nodes[0].ID] = s.Nodes[0].RaftAddr
	}
	return out
}

// ReplicasOf returns the placement of shard (the meta shard or a data
// shard) and whether the shard exists. The map must not be modified.
func (s *State) ReplicasOf(shard uint64) (map[uint64]string, bool) {
	if shard == MetaShardID {
		return s.MetaMembers(), s.bootstrapped()
	}
	for i := range s.Shards {
		if s.Shards[i].ID == shard {
			return s.Shards[i].Replicas, true
		}
	}
	return nil, false
}

// ShardIDs returns the meta shard's id followed by every data shard's, in
// the order of s.Shards.
func (s *State) ShardIDs() []uint64 {
	ids := []uint64{MetaShardID}
	for _, sh := range s.Shards {
		ids = append(ids, sh.ID)
	}
	return ids
}
