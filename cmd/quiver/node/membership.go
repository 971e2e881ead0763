package node

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/lni/dragonboat/v4"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/meta"
)

// membershipTimeout bounds one membership read or change.
const membershipTimeout = 5 * time.Second

// errNoLocalReplica says this node cannot change a shard's membership
// itself: it holds no replica of it.
var errNoLocalReplica = pgerror.New(pgerror.CannotConnectNow, "this node holds no replica of the shard")

// addMemberLocally makes req.Replica a Raft member of req.Shard through
// this node's replica, unless it already is one; added says whether it
// changed the membership.
func (n *Node) addMemberLocally(ctx context.Context, req memberRequest) (added bool, err error) {
	ctx, cancel := context.WithTimeout(ctx, membershipTimeout)
	defer cancel()
	m, err := n.nh.SyncGetShardMembership(ctx, req.Shard)
	if errors.Is(err, dragonboat.ErrShardNotFound) {
		return false, errNoLocalReplica
	}
	if err != nil {
		return false, pgerror.Wrapf(err, pgerror.SerializationFailure, "reading shard %d membership", req.Shard)
	}
	if _, ok := m.Nodes[req.Replica]; ok {
		return false, nil
	}
	if _, ok := m.Removed[req.Replica]; ok {
		return false, pgerror.Newf(pgerror.ObjectNotInPrerequisiteState,
			"replica %d of shard %d was removed; it cannot be added again", req.Replica, req.Shard)
	}
	if err := n.nh.SyncRequestAddReplica(ctx, req.Shard, req.Replica, req.RaftAddr, m.ConfigChangeID); err != nil {
		return false, pgerror.Wrapf(err, pgerror.SerializationFailure, "adding replica %d to shard %d", req.Replica, req.Shard)
	}
	return true, nil
}

// addMember makes req.Replica a member of req.Shard through this node's
// replica, or else through another node holding one (holders: node ids).
func (n *Node) addMember(ctx context.Context, req memberRequest, holders []uint64) (bool, error) {
	added, err := n.addMemberLocally(ctx, req)
	if !errors.Is(err, errNoLocalReplica) {
		return added, err
	}
	body, err := json.Marshal(req)
	if err != nil {
		return false, pgerror.AssertionFailedf("encoding %s: %v", actionAddMember, err)
	}
	s := n.meta.State()
	for _, id := range holders {
		node := s.Node(id)
		if id == n.id.NodeID || id == meta.NodeOfReplica(req.Replica) || node == nil {
			continue
		}
		cctx, cancel := context.WithTimeout(ctx, membershipTimeout)
		_, err = n.pool.Call(cctx, node.RPCAddr, actionAddMember, body)
		cancel()
		if err == nil {
			return true, nil
		}
		if !meta.Unreachable(err) {
			return false, err
		}
	}
	if err == nil {
		err = errNoLocalReplica
	}
	return false, pgerror.Wrapf(err, pgerror.CannotConnectNow, "no holder of shard %d could add replica %d", req.Shard, req.Replica)
}
