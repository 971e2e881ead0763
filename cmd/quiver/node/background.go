package node

import (
	"context"
	"time"
)

// Periods of the node's background work.
const (
	reconcileEvery = 200 * time.Millisecond
	placementEvery = 500 * time.Millisecond
)

// startBackground starts the node's loops: every node starts the
// replicas the meta state places on it (and, without a meta replica,
// refreshes its copy of the meta state); the placement controller acts
// on the meta shard's leader only.
func (n *Node) startBackground() {
	ctx, cancel := context.WithCancel(context.Background())
	n.bgCancel = cancel
	n.every(ctx, reconcileEvery, n.reconcile)
	n.every(ctx, placementEvery, n.place)
	n.every(ctx, heartbeatEvery, n.heartbeat)
}

// stopBackground stops the loops and waits for them.
func (n *Node) stopBackground() {
	if n.bgCancel != nil {
		n.bgCancel()
	}
	n.bg.Wait()
}

// every runs f every period until ctx ends.
func (n *Node) every(ctx context.Context, period time.Duration, f func(context.Context)) {
	n.bg.Add(1)
	go func() {
		defer n.bg.Done()
		t := time.NewTicker(period)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				f(ctx)
			}
		}
	}()
}
