package node

import (
	"context"
	"encoding/json"
	"sort"
	"time"

	"github.com/quiverdb/quiver/meta"
)

// place is one round of the placement controller. It acts only on the
// meta shard's leader: it records, through the meta shard, one new
// replica per under-replicated shard (meta.PlanReplicas), then makes
// every recorded replica on a reachable node a Raft member of its shard,
// removes replicas beyond the target once the others caught up
// (meta.PlanRemovals), and when nothing is pending marks drained nodes
// decommissioned, moves one replica to even out the spread
// (meta.PlanRebalance) and evens out leaders (meta.PlanLeaderTransfer).
// The node holding a recorded replica starts it (reconcile), joining the
// shard and catching up by log or snapshot.
func (n *Node) place(ctx context.Context) {
	if !n.leadsMeta() {
		n.members = nil
		return
	}
	s := n.metaLocal.State()
	n.recordMoves(ctx, s)
	n.syncMembers(ctx, n.metaLocal.State())
	if n.removeExcess(ctx, n.metaLocal.State()) {
		return
	}
	s = n.metaLocal.State()
	n.finishDecommissions(ctx, s)
	n.rebalance(ctx, s)
	n.spreadLeaders(ctx, s)
}

// leadsMeta reports whether this node's meta replica is the leader.
func (n *Node) leadsMeta() bool {
	if n.meta.Local() == nil {
		return false
	}
	id, _, ok, err := n.nh.GetLeaderID(meta.MetaShardID)
	return err == nil && ok && meta.NodeOfReplica(id) == n.id.NodeID
}

// recordMoves proposes the first planned move of each shard.
func (n *Node) recordMoves(ctx context.Context, s *meta.State) {
	seen := map[uint64]bool{}
	for _, m := range meta.PlanReplicas(s, s.Replication(n.cfg.Replicas)) {
		if seen[m.Shard] {
			continue
		}
		seen[m.Shard] = true
		n.log.Info("placement: adding a replica", "shard", m.Shard, "node", m.Node)
		if _, err := n.meta.Propose(ctx, &meta.Command{AddReplica: &meta.AddReplica{Shard: m.Shard, Node: m.Node}}); err != nil {
			n.log.Warn("placement: recording a replica failed", "shard", m.Shard, "node", m.Node, "err", err)
		}
	}
}

// syncMembers makes each recorded replica a Raft member of its shard
// (with the replica id of its generation, meta.State.ReplicaID).
// Confirmed pairs are remembered until this node stops leading.
func (n *Node) syncMembers(ctx context.Context, s *meta.State) {
	if n.members == nil {
		n.members = map[[2]uint64]bool{}
	}
	for _, id := range s.ShardIDs() {
		replicas, _ := s.ReplicasOf(id)
		holders := sortedIDs(replicas)
		for _, node := range holders {
			replica := s.ReplicaID(id, node)
			key := [2]uint64{id, replica}
			if n.members[key] || !n.replicaStarted(ctx, s, id, replica) {
				continue
			}
			req := memberRequest{Shard: id, Replica: replica, RaftAddr: replicas[node]}
			added, err := n.addMember(ctx, req, holders)
			if err != nil {
				n.log.Warn("placement: adding a raft member failed", "shard", id, "node", node, "err", err)
				continue
			}
			if added {
				n.log.Info("placement: replica added to the shard's raft group", "shard", id, "node", node)
			}
			n.members[key] = true
		}
	}
}

// replicaStarted reports whether replica's node runs that replica of
// shard (as a joining replica waiting for the leader; an older
// generation still running does not count): a replica becomes a voter
// only then, so a shard never waits for a dead node or for a replica
// that only learns it should start from the meta shard it would block.
func (n *Node) replicaStarted(ctx context.Context, s *meta.State, shard, replica uint64) bool {
	node := meta.NodeOfReplica(replica)
	if node == n.id.NodeID {
		running, ok := n.replicas.runningReplica(shard)
		return ok && running == replica
	}
	m := s.Node(node)
	if m == nil {
		return false
	}
	body, err := json.Marshal(memberRequest{Shard: shard, Replica: replica})
	if err != nil {
		return false
	}
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	reply, err := n.pool.Call(ctx, m.RPCAddr, actionReplicaRunning, body)
	return err == nil && string(reply) == "1"
}

func sortedIDs(m map[uint64]string) []uint64 {
	ids := make([]uint64, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids
}
