package node

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/meta"
)

// Join timing: the whole join gives up after Config.JoinTimeout
// (DefaultJoinTimeout); each call to one address after joinCallTimeout.
const (
	DefaultJoinTimeout = 10 * time.Second
	joinCallTimeout    = 3 * time.Second
)

// join registers this node with the cluster at cfg.Join and fills id
// with the node id and cluster id it was given.
func (n *Node) join(ctx context.Context, id *identity) error {
	req := meta.JoinRequest{Node: meta.Node{RaftAddr: id.RaftAddr, RPCAddr: n.RPCAddr(), SQLAddr: n.SQLAddr(), HTTPAddr: n.HTTPAddr()}}
	body, err := meta.EncodeJoin(req)
	if err != nil {
		return err
	}
	reply, err := n.callJoin(ctx, body)
	if err != nil {
		return err
	}
	id.NodeID, id.ClusterID = reply.NodeID, reply.ClusterID
	id.Joined, id.Bootstrapped = true, true
	id.Join = strings.Join(n.cfg.Join, ",")
	id.SQLAddr, id.RPCAddr, id.HTTPAddr = req.Node.SQLAddr, req.Node.RPCAddr, req.Node.HTTPAddr
	n.log.Info("joined the cluster", "node_id", id.NodeID, "via", id.Join)
	return nil
}

// callJoin asks each --join address in turn, until one answers or
// joinTimeout passes.
func (n *Node) callJoin(ctx context.Context, body []byte) (*meta.JoinReply, error) {
	ctx, cancel := context.WithTimeout(ctx, n.cfg.JoinTimeout)
	defer cancel()
	var last error
	for {
		for _, addr := range n.cfg.Join {
			reply, err := n.callJoinOnce(ctx, addr, body)
			if err == nil {
				return reply, nil
			}
			if !meta.Unreachable(err) && !retryableJoin(err) {
				return nil, pgerror.Wrapf(err, "", "joining the cluster through %s", addr)
			}
			last = err
		}
		select {
		case <-ctx.Done():
			return nil, pgerror.Wrapf(last, pgerror.ConnectionException,
				"could not join the cluster through %s within %s", strings.Join(n.cfg.Join, ","), n.cfg.JoinTimeout)
		case <-time.After(200 * time.Millisecond):
		}
	}
}

func (n *Node) callJoinOnce(ctx context.Context, addr string, body []byte) (*meta.JoinReply, error) {
	ctx, cancel := context.WithTimeout(ctx, joinCallTimeout)
	defer cancel()
	b, err := n.pool.Call(ctx, addr, meta.ActionJoin, body)
	if err != nil {
		return nil, err
	}
	reply := &meta.JoinReply{}
	if err := meta.DecodeJoin(b, reply); err != nil {
		return nil, err
	}
	if reply.NodeID == 0 || reply.ClusterID == 0 {
		return nil, pgerror.Newf(pgerror.ProtocolViolation, "%s answered the join without a node id", addr)
	}
	return reply, nil
}

// retryableJoin reports whether a join call may be tried again: the
// meta shard was busy or the call timed out.
func retryableJoin(err error) bool {
	switch pgerror.CodeOf(err) {
	case pgerror.SerializationFailure, pgerror.QueryCanceled, pgerror.StatementCompletionUnknown:
		return true
	}
	return errors.Is(err, context.DeadlineExceeded)
}

// serveJoin answers ActionJoin: it records the joining node in the meta
// shard (a membership entry in its log) and replies with its id.
func (n *Node) serveJoin(ctx context.Context, body []byte) ([]byte, error) {
	var req meta.JoinRequest
	if err := meta.DecodeJoin(body, &req); err != nil {
		return nil, err
	}
	s, err := n.meta.Propose(ctx, &meta.Command{AddNode: &meta.AddNode{Node: req.Node}})
	if err != nil {
		return nil, err
	}
	node := s.NodeByRaftAddr(req.Node.RaftAddr)
	if node == nil {
		return nil, pgerror.AssertionFailedf("node %s missing after it joined", req.Node.RaftAddr)
	}
	n.log.Info("node joined", "node_id", node.ID, "raft", node.RaftAddr, "rpc", node.RPCAddr)
	return meta.EncodeJoin(meta.JoinReply{NodeID: node.ID, ClusterID: n.id.ClusterID})
}

// splitJoin splits node.json's comma-separated join list.
func splitJoin(s string) []string {
	var out []string
	for _, a := range strings.Split(s, ",") {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}
