package node

import (
	"context"

	"github.com/quiverdb/quiver/meta"
)

// reconcile brings this node in line with the meta state: it starts
// every replica the state places here that is not running (as a joining
// replica when it has no log yet), and switches the node's meta service
// to its own meta replica once that serves. A node without one
// refreshes its copy of the state.
func (n *Node) reconcile(ctx context.Context) {
	if n.meta.Local() == nil {
		if err := n.meta.Remote().Refresh(ctx); err != nil && ctx.Err() == nil {
			n.log.Debug("refreshing the meta state", "err", err)
		}
	}
	n.learnMetaRemoval(ctx)
	s := n.meta.State()
	n.updateAddresses(ctx, s)
	n.retireRemoved(ctx, s)
	for _, id := range s.ShardIDs() {
		replicas, _ := s.ReplicasOf(id)
		if _, here := replicas[n.id.NodeID]; !here || n.replicas.isRunning(id) {
			continue
		}
		n.log.Info("starting replica placed on this node", "shard", id)
		if err := n.replicas.launch(id, s.ReplicaID(id, n.id.NodeID), nil /* members */); err != nil {
			n.log.Error("starting replica", "shard", id, "err", err)
			continue
		}
		if id == meta.MetaShardID {
			n.awaitMetaReplica(ctx)
		}
	}
}

// awaitMetaReplica switches the node's meta service to its own replica
// once that has caught up, in the background.
func (n *Node) awaitMetaReplica(ctx context.Context) {
	n.bg.Add(1)
	go func() {
		defer n.bg.Done()
		if err := poll(ctx, "meta replica", func() error { return n.replicas.metaReady(ctx) }); err != nil {
			return
		}
		n.meta.UseLocal(n.metaLocal)
		n.log.Info("meta replica caught up; serving the catalog locally")
	}()
}

// updateAddresses records this node's current addresses when the meta
// state has others (a restart on other ports than the last run's).
func (n *Node) updateAddresses(ctx context.Context, s *meta.State) {
	rec := s.Node(n.id.NodeID)
	self := n.self()
	if rec == nil || meta.SameAddresses(*rec, self) {
		return
	}
	if _, err := n.meta.Propose(ctx, &meta.Command{AddNode: &meta.AddNode{Node: self}}); err != nil {
		n.log.Warn("recording this node's addresses", "err", err)
		return
	}
	n.log.Info("recorded this node's new addresses", "rpc", self.RPCAddr, "sql", self.SQLAddr, "http", self.HTTPAddr)
}
