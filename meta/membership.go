package meta

import "slices"

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

// state returns n's membership state ("" reads as NodeActive).
func (n *Node) state() NodeState {
	if n.State == "" {
		return NodeActive
	}
	return n.State
}

// StateName returns n's membership state as text.
func (n *Node) StateName() string { return string(n.state()) }

// Active reports whether n may receive replicas.
func (n *Node) Active() bool { return n.state() == NodeActive }

// ActiveNodes returns the ids of the active nodes, in s.Nodes order.
func (s *State) ActiveNodes() []uint64 {
	var ids []uint64
	for i := range s.Nodes {
		if s.Nodes[i].Active() {
			ids = append(ids, s.Nodes[i].ID)
		}
	}
	return ids
}

// WasRemoved reports whether shard's replica on node was removed once.
func (s *State) WasRemoved(shard, node uint64) bool {
	if shard == MetaShardID {
		return slices.Contains(s.MetaRemoved, node)
	}
	for i := range s.Shards {
		if s.Shards[i].ID == shard {
			return slices.Contains(s.Shards[i].Removed, node)
		}
	}
	return false
}

// ReplicaCount returns how many replicas (meta and data) node holds.
func (s *State) ReplicaCount(node uint64) int {
	return replicaLoad(s)[node]
}

// ReplicaStatus returns what node last reported of its replica of
// shard, and whether it reported one.
func (s *State) ReplicaStatus(node, shard uint64) (ReplicaStatus, bool) {
	if n := s.Node(node); n != nil {
		for _, r := range n.Replicas {
			if r.Shard == shard {
				return r, true
			}
		}
	}
	return ReplicaStatus{}, false
}

// ReportedLeader returns the node whose last heartbeat said it leads
// shard and holds a placed replica of it, or 0.
func (s *State) ReportedLeader(shard uint64) uint64 {
	replicas, _ := s.ReplicasOf(shard)
	var leader uint64
	var at int64
	for id := range replicas {
		n := s.Node(id)
		if st, ok := s.ReplicaStatus(id, shard); ok && st.Leader && n.LastHeartbeat > at {
			leader, at = id, n.LastHeartbeat
		}
	}
	return leader
}
