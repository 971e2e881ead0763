package meta

import "github.com/quiverdb/quiver/internal/pgerror"

func applyAddNode(s *State, a *AddNode) outcome {
	if a.Node.RaftAddr == "" || a.Node.RPCAddr == "" {
		return failed(s, pgerror.New(pgerror.InvalidParameterValue, "a joining node needs a raft and an RPC address"))
	}
	if old := s.NodeByRaftAddr(a.Node.RaftAddr); old != nil {
		if sameAddresses(*old, a.Node) {
			return skipped(s, pgerror.SuccessfulCompletion, "node %d is already a member, skipping", old.ID)
		}
		n := s.next()
		node := n.NodeByRaftAddr(a.Node.RaftAddr)
		node.RPCAddr, node.SQLAddr, node.HTTPAddr = a.Node.RPCAddr, a.Node.SQLAddr, a.Node.HTTPAddr
		return changed(n)
	}
	n := s.next()
	node := Node{RaftAddr: a.Node.RaftAddr, RPCAddr: a.Node.RPCAddr, SQLAddr: a.Node.SQLAddr, HTTPAddr: a.Node.HTTPAddr}
	node.ID = s.nextNodeID()
	n.NextNodeID = node.ID + 1
	n.Nodes = append(n.Nodes, node)
	return changed(n)
}

// SameAddresses reports whether a and b have the same addresses.
func SameAddresses(a, b Node) bool { return sameAddresses(a, b) }

func sameAddresses(a, b Node) bool {
	return a.RaftAddr == b.RaftAddr && a.RPCAddr == b.RPCAddr && a.SQLAddr == b.SQLAddr && a.HTTPAddr == b.HTTPAddr
}

// nextNodeID is the id of the next node to join.
func (s *State) nextNodeID() uint64 {
	if s.NextNodeID != 0 {
		return s.NextNodeID
	}
	var max uint64
	for _, n := range s.Nodes {
		if n.ID > max {
			max = n.ID
		}
	}
	return max + 1
}

func applyAddReplica(s *State, a *AddReplica) outcome {
	node := s.Node(a.Node)
	if node == nil {
		return failed(s, pgerror.Newf(pgerror.UndefinedObject, "node %d does not exist", a.Node))
	}
	replicas, ok := s.ReplicasOf(a.Shard)
	if !ok {
		return failed(s, pgerror.Newf(pgerror.UndefinedObject, "shard %d does not exist", a.Shard))
	}
	if _, ok := replicas[a.Node]; ok {
		return skipped(s, pgerror.SuccessfulCompletion, "shard %d already has a replica on node %d, skipping", a.Shard, a.Node)
	}
	if !node.Active() {
		return failed(s, pgerror.Newf(pgerror.ObjectNotInPrerequisiteState, "node %d is %s", a.Node, node.State))
	}
	n := s.next()
	if a.Shard == MetaShardID {
		n.MetaReplicas = n.MetaMembers()
		n.MetaReplicas[a.Node] = node.RaftAddr
		return changed(n)
	}
	for i := range n.Shards {
		if n.Shards[i].ID == a.Shard {
			if n.Shards[i].Replicas == nil {
				n.Shards[i].Replicas = map[uint64]string{}
			}
			n.Shards[i].Replicas[a.Node] = node.RaftAddr
		}
	}
	return changed(n)
}
