package node

import (
	"context"
	"time"

	"github.com/quiverdb/quiver/meta"
)

// stateFetchTimeout bounds asking one node for its meta state.
const stateFetchTimeout = 2 * time.Second

// learnMetaRemoval lets a node whose meta replica was removed find out.
// The removal is recorded in the meta shard only after the Raft
// membership change, so the removed replica never applies that record:
// its state stays frozen with the removal pending. When the local state
// shows a meta replica removal pending and the local replica cannot
// serve a linearizable read, the node asks the other nodes for their
// meta state and publishes a newer one (meta.Remote.Offer); when it
// records this replica's removal, retireRemoved retires it.
func (n *Node) learnMetaRemoval(ctx context.Context) {
	local := n.meta.Local()
	if local == nil {
		return
	}
	if s := local.State(); !metaRemovalPending(s, s.Replication(n.cfg.Replicas)) {
		return
	}
	if n.replicas.metaReady(ctx) == nil {
		return
	}
	s := local.State()
	for _, node := range s.Nodes {
		if node.ID == n.id.NodeID || node.RPCAddr == "" {
			continue
		}
		if fetched, ok := n.fetchState(ctx, node.RPCAddr); ok && fetched.Version > s.Version {
			n.meta.Remote().Offer(fetched)
			return
		}
	}
}

// metaRemovalPending reports whether s plans to remove a meta replica.
func metaRemovalPending(s *meta.State, factor int) bool {
	for _, m := range meta.PlanRemovals(s, factor) {
		if m.Shard == meta.MetaShardID {
			return true
		}
	}
	return false
}

// fetchState asks the node at addr for its meta replica's state.
func (n *Node) fetchState(ctx context.Context, addr string) (*meta.State, bool) {
	ctx, cancel := context.WithTimeout(ctx, stateFetchTimeout)
	defer cancel()
	reply, err := n.pool.Call(ctx, addr, meta.ActionState, nil)
	if err != nil {
		return nil, false
	}
	s, err := meta.DecodeState(reply)
	return s, err == nil
}
