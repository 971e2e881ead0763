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
	health   healthBook
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

// Query implements shard.Service. The operator it returns runs under a
// context of its own, cancelled when the operator closes.
func (r *Router) Query(ctx context.Context, shardID uint64, frag *execpb.Node) (exec.Operator, error) {
	qctx, cancel := context.WithCancel(ctx)
	var op exec.Operator
	err := r.do(qctx, shardID, kindRead, func(ctx context.Context, svc shard.Service) error {
		var err error
		op, err = svc.Query(ctx, shardID, frag)
		return err
	})
	if err != nil || op == nil {
		cancel()
		return op, err
	}
	return &cancelOnClose{Operator: op, cancel: cancel}, nil
}

// cancelOnClose cancels the context a stream runs under when it closes.
type cancelOnClose struct {
	exec.Operator
	cancel context.CancelFunc
}

// Close implements exec.Operator.
func (c *cancelOnClose) Close() error {
	err := c.Operator.Close()
	c.cancel()
	return err
}

// do calls call on the node that should serve shardID, retrying on
// another one while the error allows it and the retry bound is not
// reached. When an attempt of a write ended with an unknown outcome and
// no later attempt answered, the error says the outcome is unknown
// (40003), whatever the last attempt's error was; when no attempt may
// have applied anything, it is 40001.
//
// A shard whose last request found no quorum is not waited for again:
// while this node's own replica of it knows no leader, the request fails
// at once (40001); otherwise it gets one AttemptTimeout instead of the
// whole retry bound.
func (r *Router) do(ctx context.Context, shardID uint64, kind requestKind, call func(context.Context, shard.Service) error) error {
	since, suspect := r.health.downSince(shardID)
	if suspect && r.leaderless(shardID) {
		return errNoQuorum(shardID, since)
	}
	start := time.Now()
	rctx, cancel := r.retryContext(ctx, suspect)
	defer cancel()
	unknown := false
	for attempt := 0; ; attempt++ {
		target := r.target(shardID, attempt)
		err := r.attempt(ctx, rctx, target, kind, call)
		if err == nil {
			r.cache.Store(shardID, target)
			r.health.markUp(shardID)
			return nil
		}
		r.cache.Delete(shardID)
		unknown = unknown || (kind == kindWrite && outcomeUnknown(err))
		if !retryable(err, kind) || ctx.Err() != nil {
			return r.final(shardID, err, unknown, ctx)
		}
		select {
		case <-rctx.Done():
			if time.Since(start) >= r.cfg.AttemptTimeout {
				r.health.markDown(shardID)
			}
			return r.final(shardID, err, unknown, ctx)
		case <-time.After(backoff(attempt)):
		}
	}
}

// leaderless reports whether this node holds a replica of shardID that
// knows no leader: a sign that the shard has no quorum (or is electing).
func (r *Router) leaderless(shardID uint64) bool {
	if r.cfg.Leaders == nil {
		return false
	}
	replicas, _ := r.cfg.Meta.State().ReplicasOf(shardID)
	if _, here := replicas[r.cfg.Self]; !here {
		return false
	}
	_, ok := r.cfg.Leaders.Leader(shardID)
	return !ok
}

// attempt makes one call to node, which ends at the retry bound (rctx)
// or after AttemptTimeout, so a request stuck behind a dead leader or an
// unreachable node is re-sent elsewhere.
func (r *Router) attempt(ctx, rctx context.Context, node uint64, kind requestKind, call func(context.Context, shard.Service) error) error {
	if kind == kindRead {
		return r.readAttempt(ctx, rctx, node, call)
	}
	actx, cancel := context.WithTimeout(rctx, r.cfg.AttemptTimeout)
	defer cancel()
	return r.callNode(actx, node, true /* write */, call)
}

// readAttempt is attempt for a read. The stream a read returns lives
// under ctx, beyond do, so the attempt cannot run under a deadline:
// instead its context is cancelled when the attempt takes too long, and
// the cancellation is reported as a timeout (40001, retryable). Query's
// caller cancels ctx when it closes the stream.
func (r *Router) readAttempt(ctx, rctx context.Context, node uint64, call func(context.Context, shard.Service) error) error {
	actx, cancel := context.WithCancel(ctx)
	stopBound := context.AfterFunc(rctx, cancel)
	timer := time.AfterFunc(r.cfg.AttemptTimeout, cancel)
	err := r.callNode(actx, node, false /* write */, call)
	timedOut := !timer.Stop()
	stopped := stopBound()
	if err == nil && !timedOut && stopped {
		return nil // actx lives on with the stream; ctx's end releases it
	}
	cancel()
	if err == nil {
		err = context.DeadlineExceeded
	}
	if ctx.Err() == nil && (timedOut || !stopped) {
		return pgerror.Wrapf(err, pgerror.SerializationFailure,
			"read attempt on node %d timed out after %s", node, r.cfg.AttemptTimeout)
	}
	return err
}

// final is the error do returns after its last attempt failed with err.
func (r *Router) final(shardID uint64, err error, unknown bool, ctx context.Context) error {
	switch {
	case ctx.Err() != nil || !retryable(err, kindWrite):
		return err
	case unknown && !outcomeUnknown(err):
		return pgerror.Wrapf(err, pgerror.StatementCompletionUnknown,
			"write outcome unknown after retrying for %s; it may or may not have been applied", r.cfg.Timeout)
	case !unknown && pgerror.CodeOf(err) != pgerror.SerializationFailure:
		return pgerror.WithHint(pgerror.Wrapf(err, pgerror.SerializationFailure,
			"shard %d: no replica answered within %s", shardID, r.cfg.Timeout),
			"Nothing was applied; retry the statement.")
	}
	return err
}

// retryContext bounds retrying: Timeout from now (AttemptTimeout for a
// shard last found without a quorum), or ctx's deadline when it is
// sooner.
func (r *Router) retryContext(ctx context.Context, suspect bool) (context.Context, context.CancelFunc) {
	bound := r.cfg.Timeout
	if suspect {
		bound = r.cfg.AttemptTimeout
	}
	return context.WithTimeout(ctx, bound)
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
