package meta

import "testing"

func TestReplicaIDs(t *testing.T) {
	s := &State{Shards: []Shard{{ID: 2, Removed: []uint64{3, 4, 3}}}, MetaRemoved: []uint64{4}}
	for _, tc := range []struct {
		shard, node   uint64
		id            uint64
		oldGenRemoved bool
	}{
		{shard: 2, node: 1, id: 1},
		{shard: 2, node: 3, id: 2<<32 | 3, oldGenRemoved: true},
		{shard: 2, node: 4, id: 1<<32 | 4, oldGenRemoved: true},
		{shard: MetaShardID, node: 4, id: 1<<32 | 4, oldGenRemoved: true},
		{shard: MetaShardID, node: 3, id: 3},
	} {
		id := s.ReplicaID(tc.shard, tc.node)
		if id != tc.id {
			t.Errorf("ReplicaID(%d, %d) = %#x, want %#x", tc.shard, tc.node, id, tc.id)
		}
		if NodeOfReplica(id) != tc.node {
			t.Errorf("NodeOfReplica(%#x) = %d, want %d", id, NodeOfReplica(id), tc.node)
		}
		if s.ReplicaRemoved(tc.shard, id) {
			t.Errorf("the current replica %#x of shard %d reads as removed", id, tc.shard)
		}
		if got := s.ReplicaRemoved(tc.shard, tc.node); got != tc.oldGenRemoved {
			t.Errorf("ReplicaRemoved(%d, %d) = %v, want %v", tc.shard, tc.node, got, tc.oldGenRemoved)
		}
	}
}
