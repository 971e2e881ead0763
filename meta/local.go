package meta

import (
	"context"
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
	data, err := EncodeCommand(cmd)
	if err != nil {
		return nil, err
	}
	ctx, cancel := withDefaultTimeout(ctx)
	defer cancel()
	metrics.RaftProposals.Inc()
	res, err := l.nh.SyncPropose(ctx, l.nh.GetNoOPSession(MetaShardID), data)
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
