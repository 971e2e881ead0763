package shard

import (
	"context"
	"time"

	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/lni/dragonboat/v4"
	"github.com/quiverdb/quiver/exec"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/metrics"
	"github.com/quiverdb/quiver/storage"
)

// defaultTimeout bounds a Raft request whose context has no deadline
// (dragonboat requires one).
const defaultTimeout = 30 * time.Second

// Local is the Service of the shards replicated on this node.
type Local struct {
	nh    *dragonboat.NodeHost
	eng   *storage.Engine
	alloc memory.Allocator
}

var _ Service = (*Local)(nil)

// NewLocal returns the Service over nh's replicas, whose state is in eng.
func NewLocal(nh *dragonboat.NodeHost, eng *storage.Engine) *Local {
	return &Local{nh: nh, eng: eng, alloc: memory.DefaultAllocator}
}

// Write implements Service.
func (l *Local) Write(ctx context.Context, shard uint64, cmd *WriteCommand) error {
	data := EncodeCommand(make([]byte, 0, commandSizeHint(cmd)), cmd)
	ctx, cancel := withDeadline(ctx)
	defer cancel()
	metrics.RaftProposals.Inc()
	res, err := l.nh.SyncPropose(ctx, l.nh.GetNoOPSession(shard), data)
	if err != nil {
		return raftError(err, shard, true /* write */)
	}
	return decodeResult(res).err()
}

// Query implements Service: a ReadIndex round makes the read
// linearizable, then the fragment runs over an Engine snapshot.
func (l *Local) Query(ctx context.Context, shard uint64, frag *execpb.Node) (exec.Operator, error) {
	if err := l.readBarrier(ctx, shard); err != nil {
		return nil, err
	}
	snap := l.eng.NewSnapshot()
	env := &exec.Env{
		Alloc: l.alloc,
		Scan: func(ctx context.Context, spec *execpb.Scan) (exec.Operator, error) {
			return newScan(snap, shard, spec, l.alloc)
		},
	}
	op, err := exec.Build(ctx, frag, env)
	if err != nil {
		snap.Close()
		return nil, err
	}
	return &snapshotCloser{Operator: op, snap: snap}, nil
}

// readBarrier waits until this replica has applied every entry committed
// before the call.
func (l *Local) readBarrier(ctx context.Context, shard uint64) error {
	ctx, cancel := withDeadline(ctx)
	defer cancel()
	if _, err := l.nh.SyncRead(ctx, shard, nil /* query */); err != nil {
		return raftError(err, shard, false /* write */)
	}
	return nil
}

func withDeadline(ctx context.Context) (context.Context, context.CancelFunc) {
	if _, ok := ctx.Deadline(); ok {
		return ctx, func() {}
	}
	return context.WithTimeout(ctx, defaultTimeout)
}

func commandSizeHint(cmd *WriteCommand) int {
	n := 16
	for i := range cmd.Ops {
		n += 8 + len(cmd.Ops[i].Key) + len(cmd.Ops[i].Value) + len(cmd.Ops[i].Expect)
	}
	return n
}

// snapshotCloser closes the Engine snapshot a fragment reads when the
// fragment's root operator closes.
type snapshotCloser struct {
	exec.Operator
	snap *storage.Snapshot
}

// Close implements exec.Operator.
func (s *snapshotCloser) Close() error {
	err := s.Operator.Close()
	if s.snap != nil {
		if cerr := s.snap.Close(); err == nil {
			err = cerr
		}
		s.snap = nil
	}
	return err
}
