package router

import (
	"context"
	"sort"
	"sync"
	"time"

	"github.com/quiverdb/quiver/exec"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/meta"
	"github.com/quiverdb/quiver/shard"
)

// DefaultTimeout bounds the retries of a request whose context has no
// deadline.
const DefaultTimeout = 10 * time.Second

// DefaultAttemptTimeout bounds one attempt of a write, so that a
// proposal stuck behind a dead leader is re-sent elsewhere in time.
const DefaultAttemptTimeout = 2 * time.Second

// Leaders reports what this node's own replicas know of their leaders.
type Leaders interface {
	// Leader returns the node id of shard's leader, and false when this
	// node holds no replica of shard or it knows no leader.
	Leader(shard uint64) (uint64, bool)
}

// Dialer returns the shard.Service served at a node's RPC address.
type Dialer func(rpcAddr string) (shard.Service, error)

// Config is what a Router needs.
type Config struct {
	// Self is this node's id; Local serves the shards replicated here.
	Self  uint64
	Local shard.Service
	// Leaders knows the leaders of the shards replicated here (nil: none).
	Leaders Leaders
	// Meta gives the shards' placement and the nodes' RPC addresses.
	Meta meta.Service
	// Dial reaches another node's shards.
	Dial Dialer
	// Timeout is DefaultTimeout when 0.
	Timeout time.Duration
	// AttemptTimeout is DefaultAttemptTimeout when 0.
	AttemptTimeout time.Duration
}

// Router is a shard.Service that routes to shard leaders. It is safe for
// concurrent use.
type Router struct {
	cfg      Config
	cache    sync.Map // shard id -> node id that last served it
	sessions sessionPool
}

var _ shard.Service = (*Router)(nil)

// New returns a Router over cfg.
func New(cfg Config) *Router {
	if cfg.Timeout == 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.AttemptTimeout == 0 {
		cfg.AttemptTimeout = DefaultAttemptTimeout
	}
	return &Router{cfg: cfg}
}

// Write implements shard.Service. A command without a request identity
// gets one from the router's session pool, which makes every attempt of
// it idempotent: it is re-sent after an unknown outcome too.
func (r *Router) Write(ctx context.Context, shardID uint64, cmd *shard.WriteCommand) error {
	if cmd.Client == 0 {
		s := r.sessions.get()
		defer r.sessions.put(s)
		withID := *cmd
		withID.Client, withID.Seq = s.id, s.seq
		cmd = &withID
	}
	return r.do(ctx, shardID, kindWrite, func(ctx context.Context, svc shard.Service) error {
		return svc.Write(ctx, shardID, cmd)
	})
}

// Query implements shard.Service.
func (r *Router) Query(ctx context.Context, shardID uint64, frag *execpb.Node) (exec.Operator, error) {
	var op exec.Operator
	err := r.do(ctx, shardID, kindRead, func(ctx context.Context, svc shard.Service) error {
		var err error
		op, err = svc.Query(ctx, shardID, frag)
		return err
	})
	return op, err
}

// do calls call on the node that should serve shardID, retrying on
// another one while the error allows it and the retry bound is not
// reached. When an attempt of a write ended with an unknown outcome and
// no later attempt answered, the error says the outcome is unknown
// (40003), whatever the last attempt's error was.
func (r *Router) do(ctx context.Context, shardID uint64, kind requestKind, call func(context.Context, shard.Service) error) error {
	rctx, cancel := r.retryContext(ctx)
	defer cancel()
	unknown := false
	for attempt := 0; ; attempt++ {
		target := r.target(shardID, attempt)
		err := r.attempt(ctx, rctx, target, kind, call)
		if err == nil {
			r.cache.Store(shardID, target)
			return nil
		}
		r.cache.Delete(shardID)
		unknown = unknown || (kind == kindWrite && outcomeUnknown(err))
		if !retryable(err, kind) || ctx.Err() != nil {
			return r.final(err, unknown, ctx)
		}
		select {
		case <-rctx.Done():
			return r.final(err, unknown, ctx)
		case <-time.After(backoff(attempt)):
		}
	}
}

// attempt makes one call to node. A write's attempt ends at the retry
// bound (rctx) or after AttemptTimeout, so a proposal stuck behind a dead
// leader is re-sent elsewhere; a read runs under ctx, which the stream it
// returns outlives do under.
func (r *Router) attempt(ctx, rctx context.Context, node uint64, kind requestKind, call func(context.Context, shard.Service) error) error {
	if kind == kindRead {
		return r.callNode(ctx, node, false /* write */, call)
	}
	actx, cancel := context.WithTimeout(rctx, r.cfg.AttemptTimeout)
	defer cancel()
	return r.callNode(actx, node, true /* write */, call)
}

// final is the error do returns after its last attempt failed with err.
func (r *Router) final(err error, unknown bool, ctx context.Context) error {
	if !unknown || !retryable(err, kindWrite) || outcomeUnknown(err) {
		return err
	}
	if ctx.Err() != nil {
		return err
	}
	return pgerror.Wrapf(err, pgerror.StatementCompletionUnknown,
		"write outcome unknown after retrying for %s; it may or may not have been applied", r.cfg.Timeout)
}

// retryContext bounds retrying: ctx's deadline, or Timeout from now.
func (r *Router) retryContext(ctx context.Context) (context.Context, context.CancelFunc) {
	if _, ok := ctx.Deadline(); ok {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, r.cfg.Timeout)
}

func backoff(attempt int) time.Duration {
	d := time.Duration(attempt+1) * 20 * time.Millisecond
	return min(d, 300*time.Millisecond)
}

// callNode calls call on node's service.
func (r *Router) callNode(ctx context.Context, node uint64, write bool, call func(context.Context, shard.Service) error) error {
	if node == r.cfg.Self || node == 0 {
		return call(ctx, r.cfg.Local)
	}
	n := r.cfg.Meta.State().Node(node)
	if n == nil || n.RPCAddr == "" {
		return pgerror.Newf(pgerror.ConnectionException, "node %d is not a known member", node)
	}
	svc, err := r.cfg.Dial(n.RPCAddr)
	if err != nil {
		return err
	}
	if c, ok := svc.(connectChecker); ok && write {
		if err := c.Connected(ctx); err != nil {
			return err
		}
	}
	return call(ctx, svc)
}

// connectChecker is implemented by shardrpc.Client.
type connectChecker interface {
	Connected(ctx context.Context) error
}

// target picks the node to try at attempt: the candidates in order of
// preference, rotating as attempts fail.
func (r *Router) target(shardID uint64, attempt int) uint64 {
	c := r.candidates(shardID)
	return c[attempt%len(c)]
}

// candidates returns, without duplicates: the leader known by this
// node's replica, the cached node, the shard's replicas by node id, and
// this node (when the shard is unknown to the meta state).
func (r *Router) candidates(shardID uint64) []uint64 {
	var out []uint64
	seen := map[uint64]bool{}
	add := func(id uint64) {
		if id != 0 && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	if r.cfg.Leaders != nil {
		if id, ok := r.cfg.Leaders.Leader(shardID); ok {
			add(id)
		}
	}
	if v, ok := r.cache.Load(shardID); ok {
		add(v.(uint64))
	}
	replicas, _ := r.cfg.Meta.State().ReplicasOf(shardID)
	ids := make([]uint64, 0, len(replicas))
	for id := range replicas {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids {
		add(id)
	}
	if len(out) == 0 {
		add(r.cfg.Self)
	}
	if len(out) == 0 {
		out = append(out, 0)
	}
	return out
}
