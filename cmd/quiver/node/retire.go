package node

import (
	"context"
	"errors"
	"time"

	"github.com/lni/dragonboat/v4"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/meta"
	"github.com/quiverdb/quiver/storage"
)

// retireTimeout bounds stopping a removed replica and deleting its data.
const retireTimeout = 30 * time.Second

// retireRemoved stops every replica this node runs whose removal the
// meta state records (meta.State.ReplicaRemoved: positive evidence, so a
// stale state never retires a live replica), removes its Raft data and,
// for a data shard, deletes its key range. A replica placed here again
// since (a later generation) starts only after that (reconcile).
func (n *Node) retireRemoved(ctx context.Context, s *meta.State) {
	for _, shard := range n.replicas.runningIDs() {
		replica, _ := n.replicas.runningReplica(shard)
		if !s.ReplicaRemoved(shard, replica) {
			continue
		}
		if err := n.retire(ctx, shard, replica); err != nil {
			n.log.Error("retiring a removed replica", "shard", shard, "err", err)
			continue
		}
		n.log.Info("removed replica stopped and its data deleted", "shard", shard)
	}
}

func (n *Node) retire(ctx context.Context, shard, replica uint64) error {
	ctx, cancel := context.WithTimeout(ctx, retireTimeout)
	defer cancel()
	if shard == meta.MetaShardID {
		n.meta.UseRemote()
	}
	// dragonboat may have stopped the replica itself when it applied
	// its own removal.
	if err := n.nh.StopShard(shard); err != nil && !errors.Is(err, dragonboat.ErrShardNotFound) {
		return pgerror.Wrapf(err, pgerror.SystemError, "stopping shard %d", shard)
	}
	n.replicas.markStopped(shard)
	if err := n.nh.SyncRemoveData(ctx, shard, replica); err != nil {
		return pgerror.Wrapf(err, pgerror.SystemError, "removing shard %d's raft data", shard)
	}
	if shard == meta.MetaShardID {
		return nil
	}
	return deleteShardData(n.eng, shard)
}

// deleteShardData deletes shard's data and local keys: one range
// deletion each.
func deleteShardData(eng *storage.Engine, shard uint64) error {
	b := eng.NewWriteBatch()
	defer b.Close()
	for _, span := range [][2][]byte{spanOf(storage.ShardDataSpan(shard)), spanOf(storage.ShardLocalSpan(shard))} {
		if err := b.DeleteRange(span[0], span[1]); err != nil {
			return err
		}
	}
	return b.Commit(true /* sync */)
}

func spanOf(start, end []byte) [2][]byte { return [2][]byte{start, end} }
