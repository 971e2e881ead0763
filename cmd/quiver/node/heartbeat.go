package node

import (
	"context"
	"sync"
	"time"

	"github.com/quiverdb/quiver/meta"
	"github.com/quiverdb/quiver/storage"
)

// Heartbeat timing: each node proposes a meta.Heartbeat every
// heartbeatEvery (so quiver_internal.nodes shows its liveness and its
// replicas' figures); sizes are measured every sizeEvery, since they
// take a scan of each shard's span.
const (
	heartbeatEvery = 2 * time.Second
	sizeEvery      = 15 * time.Second
)

// heartbeat proposes this node's liveness and replica report.
func (n *Node) heartbeat(ctx context.Context) {
	hb := &meta.Heartbeat{Node: n.id.NodeID, At: time.Now().UnixMilli(), Replicas: n.replicaReport()}
	ctx, cancel := context.WithTimeout(ctx, heartbeatEvery)
	defer cancel()
	if _, err := n.meta.Propose(ctx, &meta.Command{Heartbeat: hb}); err != nil && ctx.Err() == nil {
		n.log.Debug("heartbeat failed", "err", err)
	}
}

// replicaReport describes every replica this node runs.
func (n *Node) replicaReport() []meta.ReplicaStatus {
	var out []meta.ReplicaStatus
	for _, shard := range n.replicas.runningIDs() {
		st := meta.ReplicaStatus{Shard: shard, Leader: n.leads(shard), Applied: n.appliedIndex(shard)}
		st.SizeBytes = n.sizes.get(n.eng, shard)
		out = append(out, st)
	}
	return out
}

// leads reports whether this node's replica of shard is its leader.
func (n *Node) leads(shard uint64) bool {
	id, _, ok, err := n.nh.GetLeaderID(shard)
	return err == nil && ok && meta.NodeOfReplica(id) == n.id.NodeID
}

// appliedIndex returns the Raft index this node's replica of shard
// applied.
func (n *Node) appliedIndex(shard uint64) uint64 {
	if shard == meta.MetaShardID {
		return n.metaLocal.Applied()
	}
	b, err := n.eng.Get(storage.AppliedIndexKey(shard))
	if err != nil {
		return 0
	}
	v, _ := storage.DecodeUint64(b)
	return v
}

// shardSizes caches the size of each shard's data on this node.
type shardSizes struct {
	mu    sync.Mutex
	size  map[uint64]int64
	taken map[uint64]time.Time
}

// get returns shard's size in bytes (keys and values of its span),
// measured at most every sizeEvery.
func (s *shardSizes) get(eng *storage.Engine, shard uint64) int64 {
	if shard == meta.MetaShardID {
		return 0
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.size == nil {
		s.size, s.taken = map[uint64]int64{}, map[uint64]time.Time{}
	}
	if t, ok := s.taken[shard]; ok && time.Since(t) < sizeEvery {
		return s.size[shard]
	}
	s.size[shard], s.taken[shard] = spanSize(eng, shard), time.Now()
	return s.size[shard]
}

// spanSize sums the lengths of shard's data keys and values.
func spanSize(eng *storage.Engine, shard uint64) int64 {
	start, end := storage.ShardDataSpan(shard)
	it, err := eng.NewIter(start, end)
	if err != nil {
		return 0
	}
	defer it.Close()
	var total int64
	for ok := it.First(); ok; ok = it.Next() {
		v, err := it.Value()
		if err != nil {
			return total
		}
		total += int64(len(it.Key()) + len(v))
	}
	return total
}
