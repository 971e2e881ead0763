package meta

import (
	"context"
	"errors"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/quiverdb/quiver/internal/pgerror"
)

// Transport calls a meta action on the node whose RPC address is addr.
// Errors carry a SQLSTATE; ConnectionException-class codes (08xxx) and
// 57P03 mean the peer could not be reached or holds no meta replica.
type Transport interface {
	Call(ctx context.Context, addr, action string, body []byte) ([]byte, error)
}

// Remote is the meta.Service of a node without a meta replica: it
// forwards proposals to a node that has one and keeps the latest State
// it was sent. Refresh (called periodically by the node) fetches a
// linearizably read State.
type Remote struct {
	tr  Transport
	cur atomic.Pointer[State]

	mu    sync.Mutex
	seeds []string // RPC addresses to try when the state names none
}

var _ Service = (*Remote)(nil)

// NewRemote returns a Remote that starts from the nodes at seeds (RPC
// addresses, e.g. --join's).
func NewRemote(tr Transport, seeds []string) *Remote {
	r := &Remote{tr: tr, seeds: append([]string(nil), seeds...)}
	r.cur.Store(&State{})
	return r
}

// State implements Service.
func (r *Remote) State() *State { return r.cur.Load() }

// Propose implements Service. The command goes to the first reachable
// node holding a meta replica; it is sent to another one only when the
// previous could not be reached (08xxx, 57P03), so it is not applied
// twice by this node's doing.
func (r *Remote) Propose(ctx context.Context, cmd *Command) (*State, error) {
	body, err := EncodeCommand(cmd)
	if err != nil {
		return nil, err
	}
	ctx, cancel := withDefaultTimeout(ctx)
	defer cancel()
	reply, err := r.call(ctx, ActionPropose, body)
	if err != nil {
		return nil, err
	}
	s, err := DecodeProposeReply(reply)
	if err != nil {
		return nil, err
	}
	r.Offer(s)
	return s, nil
}

// Refresh fetches the state from a meta replica (after a linearizable
// read there) and publishes it when it is newer.
func (r *Remote) Refresh(ctx context.Context) error {
	ctx, cancel := withDefaultTimeout(ctx)
	defer cancel()
	reply, err := r.call(ctx, ActionState, nil)
	if err != nil {
		return err
	}
	s, err := DecodeState(reply)
	if err != nil {
		return err
	}
	r.Offer(s)
	return nil
}

// Ready implements the node's readiness check: a meta replica answered.
func (r *Remote) Ready(ctx context.Context) error { return r.Refresh(ctx) }

// Offer publishes s when it is newer than the current state.
func (r *Remote) Offer(s *State) {
	for {
		cur := r.cur.Load()
		if s.Version < cur.Version {
			return
		}
		c := *s
		c.Notice = nil
		if r.cur.CompareAndSwap(cur, &c) {
			return
		}
	}
}

// call sends action to the meta replicas' nodes in turn, then to the
// seeds, moving on only when a node could not be reached.
func (r *Remote) call(ctx context.Context, action string, body []byte) ([]byte, error) {
	var errs []error
	for _, addr := range r.peers() {
		reply, err := r.tr.Call(ctx, addr, action, body)
		if err == nil {
			return reply, nil
		}
		if !Unreachable(err) || ctx.Err() != nil {
			return nil, err
		}
		errs = append(errs, err)
	}
	if len(errs) == 0 {
		return nil, pgerror.New(pgerror.ConnectionFailure, "no node with a meta shard replica is known")
	}
	return nil, pgerror.Wrapf(errors.Join(errs...), pgerror.ConnectionFailure, "no meta shard replica could be reached")
}

// peers returns the RPC addresses of the nodes holding meta replicas
// (by node id), then the seeds not among them.
func (r *Remote) peers() []string {
	s := r.cur.Load()
	members := s.MetaMembers()
	ids := make([]uint64, 0, len(members))
	for id := range members {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	seen := map[string]bool{}
	var out []string
	for _, id := range ids {
		if n := s.Node(id); n != nil && n.RPCAddr != "" && !seen[n.RPCAddr] {
			seen[n.RPCAddr] = true
			out = append(out, n.RPCAddr)
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, a := range r.seeds {
		if !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	return out
}

// Unreachable reports whether err says that a peer could not be reached
// or holds no replica of what was asked (08xxx or 57P03): the request
// was not served and another peer may be tried.
func Unreachable(err error) bool {
	code := pgerror.CodeOf(err)
	return code == pgerror.CannotConnectNow || (len(code) == 5 && code[:2] == "08")
}
