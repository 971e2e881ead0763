package meta

import (
	"context"
	"math/rand/v2"
	"sync/atomic"
	"time"

	"github.com/lni/dragonboat/v4"
	sm "github.com/lni/dragonboat/v4/statemachine"
	"github.com/quiverdb/quiver/internal/metrics"
)

// DefaultProposeTimeout bounds a Propose whose context has no deadline:
// dragonboat needs one.
const DefaultProposeTimeout = 10 * time.Second

// Local is the meta.Service of a node that holds a replica of the meta
// shard: it proposes through the node's NodeHost and reads the State its
// replica applied.
type Local struct {
	nh      *dragonboat.NodeHost
	cur     atomic.Pointer[State]
	applied atomic.Uint64
}

var _ Service = (*Local)(nil)

// NewLocal returns a Local proposing through nh. Start the meta replica
// with l.CreateStateMachine as its factory.
func NewLocal(nh *dragonboat.NodeHost) *Local {
	l := &Local{nh: nh}
	l.cur.Store(&State{})
	return l
}

// CreateStateMachine is the sm.CreateStateMachineFunc of the meta
// replica: its applied states become visible through l.State.
func (l *Local) CreateStateMachine(shardID, replicaID uint64) sm.IStateMachine {
	m := newStateMachine(&l.cur)
	m.applied = &l.applied
	return m
}

// Applied returns the Raft index of the last entry the replica applied
// since it started (0 before the first, also after a restart until an
// entry applies).
func (l *Local) Applied() uint64 { return l.applied.Load() }

// State implements Service.
func (l *Local) State() *State { return l.cur.Load() }

// Propose implements Service.
func (l *Local) Propose(ctx context.Context, cmd *Command) (*State, error) {
	cmd = identify(cmd)
	data, err := EncodeCommand(cmd)
	if err != nil {
		return nil, err
	}
	ctx, cancel := withDefaultTimeout(ctx)
	defer cancel()
	res, err := l.proposeRetrying(ctx, data, cmd.ID != 0)
	if err != nil {
		return nil, raftError(ctx, err)
	}
	notice, err := decodeResult(res.Data)
	if err != nil {
		return nil, err
	}
	// SyncPropose returns after this replica applied the entry, so the
	// published state is at least as new as res.Value.
	s := l.cur.Load()
	if notice != nil {
		c := *s
		c.Notice = notice
		s = &c
	}
	return s, nil
}

// proposeAttemptTimeout bounds one proposal attempt: a proposal forwarded
// to a leader that just died is lost without an answer, and is proposed
// again (with the same command ID) after this long.
const proposeAttemptTimeout = 2 * time.Second

// minProposeAttempt is the shortest attempt worth making: dragonboat
// refuses deadlines of a few RTTs (ErrTimeoutTooSmall).
const minProposeAttempt = 100 * time.Millisecond

// proposeRetrying proposes data until it applies or ctx ends. Only an
// identified command (idempotent: see applyRequest) is proposed again
// after an attempt whose outcome is unknown.
func (l *Local) proposeRetrying(ctx context.Context, data []byte, idempotent bool) (sm.Result, error) {
	for {
		if d, ok := ctx.Deadline(); ok && time.Until(d) < minProposeAttempt {
			// Too little time left for dragonboat to accept a proposal.
			return sm.Result{}, dragonboat.ErrTimeout
		}
		attempt, cancel := context.WithTimeout(ctx, proposeAttemptTimeout)
		metrics.RaftProposals.Inc()
		res, err := l.nh.SyncPropose(attempt, l.nh.GetNoOPSession(MetaShardID), data)
		cancel()
		if err == nil || !idempotent || ctx.Err() != nil || !retryable(err) {
			return res, err
		}
		select {
		case <-ctx.Done():
			return res, err
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// identify gives a catalog or placement command a random request ID, so
// that proposing it again is safe. Heartbeats stay anonymous: they are
// not retried, and they would crowd the remembered results.
func identify(cmd *Command) *Command {
	if cmd.ID != 0 || cmd.Heartbeat != nil {
		return cmd
	}
	c := *cmd
	for c.ID == 0 {
		c.ID = rand.Uint64()
	}
	return &c
}

// Ready returns nil when the meta shard has a leader and answers a
// linearizable read within ctx.
func (l *Local) Ready(ctx context.Context) error {
	ctx, cancel := withDefaultTimeout(ctx)
	defer cancel()
	if _, _, ok, err := l.nh.GetLeaderID(MetaShardID); err != nil || !ok {
		return raftError(ctx, orNoLeader(err))
	}
	if _, err := l.nh.SyncRead(ctx, MetaShardID, nil); err != nil {
		return raftError(ctx, err)
	}
	return nil
}

func withDefaultTimeout(ctx context.Context) (context.Context, context.CancelFunc) {
	if _, ok := ctx.Deadline(); ok {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, DefaultProposeTimeout)
}

// Sync waits until this replica has applied every entry committed before
// the call (a ReadIndex round) and returns its state.
func (l *Local) Sync(ctx context.Context) (*State, error) {
	ctx, cancel := withDefaultTimeout(ctx)
	defer cancel()
	if _, err := l.nh.SyncRead(ctx, MetaShardID, nil); err != nil {
		return nil, raftError(ctx, err)
	}
	return l.cur.Load(), nil
}
