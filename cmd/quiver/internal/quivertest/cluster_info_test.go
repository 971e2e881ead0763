package quivertest

import (
	"strings"
	"testing"
)

func TestConverged(t *testing.T) {
	good := ShardReplica{ID: 1, Placed: []uint64{1, 2, 3}, Running: true, Members: []uint64{1, 2, 3}, Leader: 2}
	for _, tc := range []struct {
		name    string
		info    ClusterInfo
		wantErr string // "" means converged
	}{
		{"converged", ClusterInfo{Nodes: []uint64{1, 2, 3}, Shards: []ShardReplica{good, good}}, ""},
		{"no shards yet", ClusterInfo{Nodes: []uint64{1, 2, 3}}, ""},
		{"node missing", ClusterInfo{Nodes: []uint64{1, 2}, Shards: []ShardReplica{good}}, "knows 2 nodes"},
		{"under-placed", ClusterInfo{Nodes: []uint64{1, 2, 3}, Shards: []ShardReplica{good,
			{ID: 2, Placed: []uint64{1}, Running: true, Members: []uint64{1, 2, 3}, Leader: 1}}}, "shard 2 placed [1]"},
		{"not running", ClusterInfo{Nodes: []uint64{1, 2, 3}, Shards: []ShardReplica{
			{ID: 3, Placed: []uint64{1, 2, 3}, Members: []uint64{1, 2, 3}, Leader: 1}}}, "shard 3 placed [1 2 3] running false"},
		{"members missing", ClusterInfo{Nodes: []uint64{1, 2, 3}, Shards: []ShardReplica{
			{ID: 4, Placed: []uint64{1, 2, 3}, Running: true, Members: []uint64{1, 2}, Leader: 1}}}, "members [1 2]"},
		{"no leader", ClusterInfo{Nodes: []uint64{1, 2, 3}, Shards: []ShardReplica{
			{ID: 5, Placed: []uint64{1, 2, 3}, Running: true, Members: []uint64{1, 2, 3}}}}, "leader 0"},
	} {
		err := tc.info.Converged(3, 3)
		switch {
		case tc.wantErr == "" && err != nil:
			t.Errorf("%s: Converged = %v, want nil", tc.name, err)
		case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
			t.Errorf("%s: Converged = %v, want %q", tc.name, err, tc.wantErr)
		}
	}
}
