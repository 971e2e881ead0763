package meta

import (
	"context"
	"sync/atomic"
)

// Routed is the meta.Service of a node: it serves through the node's own
// meta replica (Local) once that replica runs, and through Remote before.
type Routed struct {
	local  atomic.Pointer[Local]
	remote *Remote
}

var _ Service = (*Routed)(nil)

// NewRouted returns a Routed that starts with remote.
func NewRouted(remote *Remote) *Routed { return &Routed{remote: remote} }

// UseLocal switches to l, a running meta replica of this node.
func (r *Routed) UseLocal(l *Local) { r.local.Store(l) }

// UseRemote switches back to the forwarding service: the node's meta
// replica was removed.
func (r *Routed) UseRemote() {
	if l := r.local.Swap(nil); l != nil {
		r.remote.Offer(l.State())
	}
}

// Local returns the node's meta replica, or nil when it has none.
func (r *Routed) Local() *Local { return r.local.Load() }

// Remote returns the forwarding service.
func (r *Routed) Remote() *Remote { return r.remote }

// State implements Service: the newer of the replica's and the remote's.
func (r *Routed) State() *State {
	rs := r.remote.State()
	if l := r.local.Load(); l != nil {
		if ls := l.State(); ls.Version >= rs.Version {
			return ls
		}
	}
	return rs
}

// Propose implements Service.
func (r *Routed) Propose(ctx context.Context, cmd *Command) (*State, error) {
	if l := r.local.Load(); l != nil {
		return l.Propose(ctx, cmd)
	}
	return r.remote.Propose(ctx, cmd)
}

// Ready reports whether the meta shard answers a linearizable read.
func (r *Routed) Ready(ctx context.Context) error {
	if l := r.local.Load(); l != nil {
		return l.Ready(ctx)
	}
	return r.remote.Ready(ctx)
}
