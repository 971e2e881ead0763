package node

import (
	"context"
	"encoding/json"
	"time"

	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/meta"
)

// leaderMoveEvery spaces leadership transfers: the leaders they are
// planned from come from heartbeats, which lag.
const leaderMoveEvery = 3 * heartbeatEvery

// removeExcess removes, one per shard, the replicas meta.PlanRemovals
// picks (a replica moved away, or on a decommissioning node), each only
// once every other replica of its shard is a Raft member that caught
// up: the Raft membership change first (through a remaining replica,
// which first takes the leadership if the leaving replica has it), then
// the meta record, after which the leaving node stops the replica and
// deletes its data. It reports whether removals are pending.
func (n *Node) removeExcess(ctx context.Context, s *meta.State) bool {
	removals := meta.PlanRemovals(s, s.Replication(n.cfg.Replicas))
	for _, m := range removals {
		replicas, _ := s.ReplicasOf(m.Shard)
		holders := sortedIDs(replicas)
		if !n.othersCaughtUp(ctx, s, m, holders) {
			continue
		}
		n.removeReplica(ctx, s, m, holders)
	}
	return len(removals) > 0
}

// othersCaughtUp reports whether every replica of m.Shard but m.Node is
// a confirmed Raft member that serves a linearizable read.
func (n *Node) othersCaughtUp(ctx context.Context, s *meta.State, m meta.Move, holders []uint64) bool {
	for _, id := range holders {
		if id == m.Node {
			continue
		}
		if !n.members[[2]uint64{m.Shard, s.ReplicaID(m.Shard, id)}] || !n.caughtUp(ctx, s, m.Shard, id) {
			return false
		}
	}
	return true
}

// caughtUp reports whether node's replica of shard serves a
// linearizable read (a follower does once it applied up to the
// leader's commit index).
func (n *Node) caughtUp(ctx context.Context, s *meta.State, shard, node uint64) bool {
	if node == n.id.NodeID {
		return n.replicas.isRunning(shard) && n.localCaughtUp(ctx, shard) == nil
	}
	return n.callNode(ctx, s, node, actionCaughtUp, memberRequest{Shard: shard, Replica: s.ReplicaID(shard, node)}) == nil
}

func (n *Node) localCaughtUp(ctx context.Context, shard uint64) error {
	ctx, cancel := context.WithTimeout(ctx, readyAttempt)
	defer cancel()
	return readIndex(ctx, n.nh, shard)
}

// removeReplica takes m out of its shard's Raft group through another
// holder, then records the removal in the meta shard.
func (n *Node) removeReplica(ctx context.Context, s *meta.State, m meta.Move, holders []uint64) {
	req := memberRequest{Shard: m.Shard, Replica: s.ReplicaID(m.Shard, m.Node)}
	var err error
	for _, id := range holders {
		if id == m.Node {
			continue
		}
		if id == n.id.NodeID {
			err = n.deleteMemberLocally(ctx, req)
		} else {
			err = n.callNode(ctx, n.meta.State(), id, actionDeleteMember, req)
		}
		if err == nil || !meta.Unreachable(err) {
			break
		}
	}
	if err != nil {
		n.log.Info("placement: removing a replica is waiting", "shard", m.Shard, "node", m.Node, "reason", err)
		return
	}
	n.log.Info("placement: replica removed from the shard's raft group", "shard", m.Shard, "node", m.Node)
	if _, err := n.meta.Propose(ctx, &meta.Command{RemoveReplica: &meta.RemoveReplica{Shard: m.Shard, Node: m.Node}}); err != nil {
		n.log.Warn("placement: recording a replica removal failed", "shard", m.Shard, "node", m.Node, "err", err)
	}
}

// errTransferring says a removal waits for a leadership transfer.
var errTransferring = pgerror.New(pgerror.SerializationFailure, "the leaving replica leads the shard; leadership is being transferred first")

// deleteMemberLocally removes req.Replica from req.Shard's Raft group
// through this node's replica. When the leaving replica leads, it asks
// for the leadership instead and returns errTransferring: removal waits
// for the next round.
func (n *Node) deleteMemberLocally(ctx context.Context, req memberRequest) error {
	ctx, cancel := context.WithTimeout(ctx, membershipTimeout)
	defer cancel()
	if leader, _, ok, err := n.nh.GetLeaderID(req.Shard); err != nil {
		return errNoLocalReplica
	} else if !ok || leader == req.Replica {
		if own, running := n.replicas.runningReplica(req.Shard); ok && running {
			_ = n.nh.RequestLeaderTransfer(req.Shard, own)
			n.log.Info("placement: taking the leadership from a leaving replica", "shard", req.Shard, "from", req.Replica)
		}
		return errTransferring
	}
	m, err := n.nh.SyncGetShardMembership(ctx, req.Shard)
	if err != nil {
		return pgerror.Wrapf(err, pgerror.SerializationFailure, "reading shard %d membership", req.Shard)
	}
	if _, ok := m.Nodes[req.Replica]; !ok {
		return nil
	}
	if len(m.Nodes) <= 1 {
		return pgerror.Newf(pgerror.ObjectNotInPrerequisiteState, "shard %d would lose its last voter", req.Shard)
	}
	if err := n.nh.SyncRequestDeleteReplica(ctx, req.Shard, req.Replica, m.ConfigChangeID); err != nil {
		return pgerror.Wrapf(err, pgerror.SerializationFailure, "removing replica %d of shard %d", req.Replica, req.Shard)
	}
	return nil
}

// rebalance adds one replica when the spread is uneven
// (meta.PlanRebalance); removeExcess takes the one it relieves away in
// a later round.
func (n *Node) rebalance(ctx context.Context, s *meta.State) {
	m, ok := meta.PlanRebalance(s, s.Replication(n.cfg.Replicas))
	if !ok {
		return
	}
	n.log.Info("placement: moving a replica to even out the spread", "shard", m.Shard, "to_node", m.Node)
	if _, err := n.meta.Propose(ctx, &meta.Command{AddReplica: &meta.AddReplica{Shard: m.Shard, Node: m.Node}}); err != nil {
		n.log.Warn("placement: recording a replica failed", "shard", m.Shard, "node", m.Node, "err", err)
	}
}

// finishDecommissions marks decommissioning nodes that hold no replica
// decommissioned.
func (n *Node) finishDecommissions(ctx context.Context, s *meta.State) {
	for _, node := range s.Nodes {
		if node.State != meta.NodeDecommissioning || s.ReplicaCount(node.ID) > 0 {
			continue
		}
		n.log.Info("placement: node holds no replica; decommissioned", "node", node.ID)
		cmd := &meta.Command{SetNodeState: &meta.SetNodeState{Node: node.ID, State: meta.NodeDecommissioned}}
		if _, err := n.meta.Propose(ctx, cmd); err != nil {
			n.log.Warn("placement: marking a node decommissioned failed", "node", node.ID, "err", err)
		}
	}
}

// spreadLeaders transfers one shard's leadership when the leaders the
// nodes reported are unevenly spread (meta.PlanLeaderTransfer), at most
// every leaderMoveEvery.
func (n *Node) spreadLeaders(ctx context.Context, s *meta.State) {
	if time.Since(n.lastLeaderMove) < leaderMoveEvery {
		return
	}
	m, ok := meta.PlanLeaderTransfer(s)
	if !ok {
		return
	}
	n.lastLeaderMove = time.Now()
	n.log.Info("placement: transferring leadership to even out leaders", "shard", m.Shard, "from", m.From, "to", m.To)
	req := memberRequest{Shard: m.Shard, Replica: s.ReplicaID(m.Shard, m.To)}
	if err := n.callNode(ctx, s, m.To, actionTransferLeader, req); err != nil {
		n.log.Warn("placement: leadership transfer failed", "shard", m.Shard, "to", m.To, "err", err)
	}
}

// callNode calls action with req on node (locally when it is this
// node) and returns its error.
func (n *Node) callNode(ctx context.Context, s *meta.State, node uint64, action string, req memberRequest) error {
	if node == n.id.NodeID {
		_, err := n.actions()[action](ctx, mustJSON(req))
		return err
	}
	m := s.Node(node)
	if m == nil {
		return pgerror.Newf(pgerror.CannotConnectNow, "node %d is unknown", node)
	}
	ctx, cancel := context.WithTimeout(ctx, membershipTimeout)
	defer cancel()
	_, err := n.pool.Call(ctx, m.RPCAddr, action, mustJSON(req))
	return err
}

func mustJSON(v any) []byte {
	b, _ := json.Marshal(v) // memberRequest always encodes
	return b
}
