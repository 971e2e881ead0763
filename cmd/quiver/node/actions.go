package node

import (
	"context"
	"encoding/json"

	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/meta"
	"github.com/quiverdb/quiver/shard/shardrpc"
)

// actionAddMember asks a node holding a replica of a shard to make a
// replica a Raft member of it (body: memberRequest as JSON).
const actionAddMember = "quiver.raft.add_member"

// actionReplicaRunning asks a node whether it started its replica of a
// shard (body: memberRequest as JSON; reply "1" or "0").
const actionReplicaRunning = "quiver.raft.replica_running"

// memberRequest is the body of the membership actions: Replica is a
// replica id (meta.State.ReplicaID), whose low part is its node id.
type memberRequest struct {
	Shard    uint64 `json:"shard"`
	Replica  uint64 `json:"replica"`
	RaftAddr string `json:"raft_addr"`
}

// actions returns the RPC actions the node serves besides the shards'.
func (n *Node) actions() map[string]shardrpc.ActionHandler {
	return map[string]shardrpc.ActionHandler{
		meta.ActionPropose: func(ctx context.Context, body []byte) ([]byte, error) {
			return meta.ServePropose(ctx, n.meta.Local(), body)
		},
		meta.ActionState: func(ctx context.Context, _ []byte) ([]byte, error) {
			return meta.ServeState(ctx, n.meta.Local())
		},
		meta.ActionJoin:      n.serveJoin,
		actionAddMember:      n.serveAddMember,
		actionReplicaRunning: n.serveReplicaRunning,
		actionCaughtUp:       n.serveCaughtUp,
		actionDeleteMember:   n.serveDeleteMember,
		actionTransferLeader: n.serveTransferLeader,
		ActionDecommission:   n.serveDecommission,
		ActionNodeState:      n.serveNodeState,
	}
}

// Membership actions of the placement controller (body: memberRequest).
const (
	// actionCaughtUp answers nil once the node's replica of Shard serves
	// a linearizable read.
	actionCaughtUp = "quiver.raft.caught_up"
	// actionDeleteMember removes Replica from Shard's Raft group through
	// the node's replica.
	actionDeleteMember = "quiver.raft.delete_member"
	// actionTransferLeader asks for Shard's leadership to move to
	// Replica.
	actionTransferLeader = "quiver.raft.transfer_leader"
)

func decodeMember(action string, body []byte) (memberRequest, error) {
	var req memberRequest
	if err := json.Unmarshal(body, &req); err != nil {
		return req, pgerror.Wrapf(err, pgerror.ProtocolViolation, "malformed %s", action)
	}
	return req, nil
}

func (n *Node) serveCaughtUp(ctx context.Context, body []byte) ([]byte, error) {
	req, err := decodeMember(actionCaughtUp, body)
	if err != nil {
		return nil, err
	}
	if running, ok := n.replicas.runningReplica(req.Shard); !ok || (req.Replica != 0 && running != req.Replica) {
		return nil, errNoLocalReplica
	}
	if err := n.localCaughtUp(ctx, req.Shard); err != nil {
		return nil, pgerror.Wrapf(err, pgerror.SerializationFailure, "shard %d has not caught up", req.Shard)
	}
	return nil, nil
}

func (n *Node) serveDeleteMember(ctx context.Context, body []byte) ([]byte, error) {
	req, err := decodeMember(actionDeleteMember, body)
	if err != nil {
		return nil, err
	}
	return nil, n.deleteMemberLocally(ctx, req)
}

func (n *Node) serveTransferLeader(_ context.Context, body []byte) ([]byte, error) {
	req, err := decodeMember(actionTransferLeader, body)
	if err != nil {
		return nil, err
	}
	if err := n.nh.RequestLeaderTransfer(req.Shard, req.Replica); err != nil {
		return nil, pgerror.Wrapf(err, pgerror.SerializationFailure, "transferring shard %d's leadership", req.Shard)
	}
	return nil, nil
}

// serveReplicaRunning answers actionReplicaRunning.
func (n *Node) serveReplicaRunning(_ context.Context, body []byte) ([]byte, error) {
	var req memberRequest
	if err := json.Unmarshal(body, &req); err != nil {
		return nil, pgerror.Wrapf(err, pgerror.ProtocolViolation, "malformed %s", actionReplicaRunning)
	}
	if running, ok := n.replicas.runningReplica(req.Shard); ok && (req.Replica == 0 || running == req.Replica) {
		return []byte("1"), nil
	}
	return []byte("0"), nil
}

// serveAddMember answers actionAddMember with this node's replica.
func (n *Node) serveAddMember(ctx context.Context, body []byte) ([]byte, error) {
	var req memberRequest
	if err := json.Unmarshal(body, &req); err != nil {
		return nil, pgerror.Wrapf(err, pgerror.ProtocolViolation, "malformed %s", actionAddMember)
	}
	_, err := n.addMemberLocally(ctx, req)
	return nil, err
}
