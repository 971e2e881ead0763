package meta

import "github.com/quiverdb/quiver/internal/pgerror"

func applyRemoveReplica(s *State, r *RemoveReplica) outcome {
	replicas, ok := s.ReplicasOf(r.Shard)
	if !ok {
		return failed(s, pgerror.Newf(pgerror.UndefinedObject, "shard %d does not exist", r.Shard))
	}
	if _, ok := replicas[r.Node]; !ok {
		return skipped(s, pgerror.SuccessfulCompletion, "shard %d has no replica on node %d, skipping", r.Shard, r.Node)
	}
	if len(replicas) == 1 {
		return failed(s, pgerror.Newf(pgerror.ObjectNotInPrerequisiteState,
			"cannot remove the last replica of shard %d", r.Shard))
	}
	n := s.next()
	if r.Shard == MetaShardID {
		n.MetaReplicas = n.MetaMembers()
		delete(n.MetaReplicas, r.Node)
		n.MetaRemoved = append(n.MetaRemoved, r.Node)
		return changed(n)
	}
	for i := range n.Shards {
		if n.Shards[i].ID == r.Shard {
			delete(n.Shards[i].Replicas, r.Node)
			n.Shards[i].Removed = append(n.Shards[i].Removed, r.Node)
		}
	}
	return changed(n)
}

func applySetNodeState(s *State, c *SetNodeState) outcome {
	node := s.Node(c.Node)
	if node == nil {
		return failed(s, pgerror.Newf(pgerror.UndefinedObject, "node %d does not exist", c.Node))
	}
	from := node.state()
	if from == c.State {
		return skipped(s, pgerror.SuccessfulCompletion, "node %d is already %s, skipping", c.Node, c.State)
	}
	if err := s.checkTransition(node, from, c.State); err != nil {
		return failed(s, err)
	}
	n := s.next()
	n.Node(c.Node).State = c.State
	return changed(n)
}

// checkTransition returns why node may not go from state from to to, or
// nil.
func (s *State) checkTransition(node *Node, from, to NodeState) error {
	switch {
	case from == NodeActive && to == NodeDecommissioning:
		if len(s.ActiveNodes()) <= 1 {
			return pgerror.Newf(pgerror.ObjectNotInPrerequisiteState,
				"node %d is the last active node; it cannot be decommissioned", node.ID)
		}
		return nil
	case from == NodeDecommissioning && to == NodeActive:
		return nil
	case from == NodeDecommissioning && to == NodeDecommissioned:
		if held := s.ReplicaCount(node.ID); held > 0 {
			return pgerror.Newf(pgerror.ObjectNotInPrerequisiteState,
				"node %d still holds %d replicas", node.ID, held)
		}
		return nil
	}
	return pgerror.Newf(pgerror.ObjectNotInPrerequisiteState,
		"node %d cannot go from %s to %s", node.ID, from, to)
}

func applyHeartbeat(s *State, h *Heartbeat) outcome {
	if s.Node(h.Node) == nil {
		return failed(s, pgerror.Newf(pgerror.UndefinedObject, "node %d does not exist", h.Node))
	}
	n := s.next()
	node := n.Node(h.Node)
	if h.At > node.LastHeartbeat {
		node.LastHeartbeat = h.At
	}
	node.Replicas = append([]ReplicaStatus(nil), h.Replicas...)
	return changed(n)
}
