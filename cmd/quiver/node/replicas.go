package node

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/lni/dragonboat/v4"
	sm "github.com/lni/dragonboat/v4/statemachine"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/meta"
)

// replicaSet starts the replicas this node holds and remembers which
// run.
type replicaSet struct {
	nh     *dragonboat.NodeHost
	meta   *meta.Local
	data   sm.CreateOnDiskStateMachineFunc
	nodeID uint64

	mu      sync.Mutex
	running map[uint64]uint64 // shard id -> replica id started
	// snapshots overrides the replicas' snapshot settings (tests).
	snapshots snapshotTuning
}

func newReplicaSet(nh *dragonboat.NodeHost, m *meta.Local, data sm.CreateOnDiskStateMachineFunc, nodeID uint64) *replicaSet {
	return &replicaSet{nh: nh, meta: m, data: data, nodeID: nodeID, running: map[uint64]uint64{}}
}

// logged returns the shards whose Raft log this node keeps, each with
// the replica id of the log (the newest generation when an older one's
// removal was interrupted): the replicas to restart.
func (r *replicaSet) logged() map[uint64]uint64 {
	out := map[uint64]uint64{}
	info := r.nh.GetNodeHostInfo(dragonboat.NodeHostInfoOption{})
	if info == nil {
		return out
	}
	for _, ni := range info.LogInfo {
		if meta.NodeOfReplica(ni.ReplicaID) == r.nodeID && ni.ReplicaID >= out[ni.ShardID] {
			out[ni.ShardID] = ni.ReplicaID
		}
	}
	return out
}

func sortIDs(ids []uint64) {
	for i := 1; i < len(ids); i++ {
		for j := i; j > 0 && ids[j] < ids[j-1]; j-- {
			ids[j], ids[j-1] = ids[j-1], ids[j]
		}
	}
}

// isRunning reports whether this node started its replica of shard.
func (r *replicaSet) isRunning(shard uint64) bool {
	_, ok := r.runningReplica(shard)
	return ok
}

// runningReplica returns the replica id this node started for shard.
func (r *replicaSet) runningReplica(shard uint64) (uint64, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	id, ok := r.running[shard]
	return id, ok
}

func (r *replicaSet) markRunning(shard, replica uint64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.running[shard] = replica
}

// launch starts replica (an id of this node) of shard without waiting
// for it: with members on a bootstrap, else as a restart (the log is
// here) or as a join (added to the shard by its leader).
func (r *replicaSet) launch(shard, replica uint64, members map[uint64]dragonboat.Target) error {
	join := members == nil && !r.nh.HasNodeInfo(shard, replica)
	cfg := r.snapshots.apply(meta.ReplicaConfig(shard, replica))
	var err error
	if shard == meta.MetaShardID {
		err = r.nh.StartReplica(members, join, r.meta.CreateStateMachine, cfg)
	} else {
		err = r.nh.StartOnDiskReplica(members, join, r.data, cfg)
	}
	if err != nil && !errors.Is(err, dragonboat.ErrShardAlreadyExist) {
		return pgerror.Wrapf(err, pgerror.SystemError, "starting shard %d replica", shard)
	}
	r.markRunning(shard, replica)
	return nil
}

// startMeta starts the meta shard's replica and waits until it serves.
func (r *replicaSet) startMeta(ctx context.Context, replica uint64, members map[uint64]dragonboat.Target) error {
	if err := r.launch(meta.MetaShardID, replica, members); err != nil {
		return err
	}
	return poll(ctx, "meta shard", func() error { return r.metaReady(ctx) })
}

// metaReady checks the meta replica once: a ReadIndex that a replica
// drops (it is still catching up) must not hold the whole wait.
func (r *replicaSet) metaReady(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, readyAttempt)
	defer cancel()
	return r.meta.Ready(ctx)
}

// readyAttempt bounds one readiness check of a replica.
const readyAttempt = time.Second

// startData starts the replicas of shards (shard id -> replica id) and
// waits until each serves linearizable reads.
func (r *replicaSet) startData(ctx context.Context, members map[uint64]dragonboat.Target, replicas map[uint64]uint64) error {
	shards := make([]uint64, 0, len(replicas))
	for id := range replicas {
		shards = append(shards, id)
	}
	sortIDs(shards)
	for _, id := range shards {
		if err := r.launch(id, replicas[id], members); err != nil {
			return err
		}
	}
	for _, id := range shards {
		if err := poll(ctx, "data shard", func() error { return readIndex(ctx, r.nh, id) }); err != nil {
			return err
		}
	}
	return nil
}

// readIndex confirms that shard has a leader that can serve a
// linearizable read, without calling the state machine's Lookup.
func readIndex(ctx context.Context, nh *dragonboat.NodeHost, shard uint64) error {
	rs, err := nh.ReadIndex(shard, time.Second)
	if err != nil {
		return err
	}
	defer rs.Release()
	select {
	case res := <-rs.ResultC():
		if !res.Completed() {
			return pgerror.Newf(pgerror.CannotConnectNow, "shard %d not ready", shard)
		}
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// poll calls ready until it succeeds or ctx ends.
func poll(ctx context.Context, what string, ready func() error) error {
	for {
		err := ready()
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return pgerror.Wrapf(err, pgerror.CannotConnectNow, "waiting for %s", what)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// shardIDs returns the n data shards of a bootstrap, each with replica
// (the bootstrapping node's first-generation id).
func shardIDs(n int, replica uint64) map[uint64]uint64 {
	ids := make(map[uint64]uint64, n)
	for i := 0; i < n; i++ {
		ids[meta.FirstDataShardID+uint64(i)] = replica
	}
	return ids
}

// runningIDs returns the shards whose replica this node started, in
// ascending order.
func (r *replicaSet) runningIDs() []uint64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	ids := make([]uint64, 0, len(r.running))
	for id := range r.running {
		ids = append(ids, id)
	}
	sortIDs(ids)
	return ids
}

// markStopped records that this node's replica of shard was stopped.
func (r *replicaSet) markStopped(shard uint64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.running, shard)
}
