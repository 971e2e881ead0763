package node

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/meta"
	"github.com/quiverdb/quiver/shard/shardrpc"
)

// Node actions any node serves (cmd/quiver's `node` subcommands).
const (
	// ActionDecommission marks a node decommissioning (body: a
	// decommissionRequest); the reply is the meta state after it.
	ActionDecommission = "quiver.node.decommission"
	// ActionNodeState answers with the node's meta state (meta.EncodeState).
	ActionNodeState = "quiver.node.state"
)

type decommissionRequest struct {
	Node uint64 `json:"node"`
}

func (n *Node) serveDecommission(ctx context.Context, body []byte) ([]byte, error) {
	var req decommissionRequest
	if err := json.Unmarshal(body, &req); err != nil {
		return nil, pgerror.Wrapf(err, pgerror.ProtocolViolation, "malformed %s", ActionDecommission)
	}
	cmd := &meta.Command{SetNodeState: &meta.SetNodeState{Node: req.Node, State: meta.NodeDecommissioning}}
	s, err := n.meta.Propose(ctx, cmd)
	if err != nil {
		return nil, err
	}
	n.log.Info("node marked decommissioning", "node", req.Node)
	return meta.EncodeState(s)
}

func (n *Node) serveNodeState(context.Context, []byte) ([]byte, error) {
	return meta.EncodeState(n.meta.State())
}

// decommissionPoll is how often Decommission reports progress.
const decommissionPoll = time.Second

// Decommission asks the node at rpcAddr to mark node id decommissioning,
// then waits, printing progress to out, until the placement controller
// moved every replica off it and marked it decommissioned, or ctx ends.
func Decommission(ctx context.Context, rpcAddr string, id uint64, out io.Writer) error {
	pool := shardrpc.NewPool()
	defer pool.Close()
	body, _ := json.Marshal(decommissionRequest{Node: id})
	if _, err := callState(ctx, pool, rpcAddr, ActionDecommission, body); err != nil {
		return err
	}
	fmt.Fprintf(out, "node %d is decommissioning\n", id)
	last := -1
	for {
		s, err := callState(ctx, pool, rpcAddr, ActionNodeState, nil)
		if err != nil {
			return err
		}
		node := s.Node(id)
		if node == nil {
			return pgerror.Newf(pgerror.UndefinedObject, "node %d does not exist", id)
		}
		if node.State == meta.NodeDecommissioned {
			fmt.Fprintf(out, "node %d is decommissioned\n", id)
			return nil
		}
		if left := s.ReplicaCount(id); left != last {
			fmt.Fprintf(out, "node %d: %d replicas left\n", id, left)
			last = left
		}
		select {
		case <-ctx.Done():
			return pgerror.Wrapf(ctx.Err(), pgerror.QueryCanceled, "waiting for node %d to be decommissioned", id)
		case <-time.After(decommissionPoll):
		}
	}
}

func callState(ctx context.Context, pool *shardrpc.Pool, addr, action string, body []byte) (*meta.State, error) {
	cctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	reply, err := pool.Call(cctx, addr, action, body)
	if err != nil {
		return nil, err
	}
	return meta.DecodeState(reply)
}
