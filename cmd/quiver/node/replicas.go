package node

import (
	"context"
	"time"

	"github.com/lni/dragonboat/v4"
	sm "github.com/lni/dragonboat/v4/statemachine"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/meta"
)

// replicaStarter starts the replicas this node holds.
type replicaStarter struct {
	nh      *dragonboat.NodeHost
	meta    *meta.Local
	data    sm.CreateOnDiskStateMachineFunc
	nodeID  uint64
	members map[uint64]dragonboat.Target // nil on restart
}

// startMeta starts the meta shard's replica and waits until it serves.
func (r *replicaStarter) startMeta(ctx context.Context) error {
	cfg := meta.ReplicaConfig(meta.MetaShardID, r.nodeID)
	if err := r.nh.StartReplica(r.members, false /* join */, r.meta.CreateStateMachine, cfg); err != nil {
		return pgerror.Wrapf(err, pgerror.SystemError, "starting meta shard replica")
	}
	return poll(ctx, "meta shard", func() error { return r.meta.Ready(ctx) })
}

// startData starts the replicas of shards and waits until each serves
// linearizable reads.
func (r *replicaStarter) startData(ctx context.Context, shards []uint64) error {
	for _, id := range shards {
		cfg := meta.ReplicaConfig(id, r.nodeID)
		if err := r.nh.StartOnDiskReplica(r.members, false /* join */, r.data, cfg); err != nil {
			return pgerror.Wrapf(err, pgerror.SystemError, "starting data shard %d replica", id)
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

// shardIDs returns the ids of the n data shards of a bootstrap.
func shardIDs(n int) []uint64 {
	ids := make([]uint64, n)
	for i := range ids {
		ids[i] = meta.FirstDataShardID + uint64(i)
	}
	return ids
}

// localShards returns the data shards of s with a replica on node.
func localShards(s *meta.State, node uint64) []uint64 {
	var ids []uint64
	for _, sh := range s.Shards {
		if _, ok := sh.Replicas[node]; ok {
			ids = append(ids, sh.ID)
		}
	}
	return ids
}
