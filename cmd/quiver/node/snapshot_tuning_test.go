package node

import (
	"testing"

	"github.com/quiverdb/quiver/meta"
)

func TestSnapshotTuning(t *testing.T) {
	base := meta.ReplicaConfig(2, 1)
	for _, tc := range []struct {
		name                  string
		tuning                snapshotTuning
		wantEntries, wantOver uint64
	}{
		{"defaults", snapshotTuning{}, meta.SnapshotEntries, meta.CompactionOverhead},
		{"both", snapshotTuning{entries: 20, overhead: 5}, 20, 5},
		{"entries only", snapshotTuning{entries: 50}, 50, meta.CompactionOverhead},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.tuning.apply(base)
			if got.SnapshotEntries != tc.wantEntries || got.CompactionOverhead != tc.wantOver {
				t.Fatalf("got %d/%d, want %d/%d", got.SnapshotEntries, got.CompactionOverhead, tc.wantEntries, tc.wantOver)
			}
			if got.ShardID != base.ShardID || got.ReplicaID != base.ReplicaID || got.ElectionRTT != base.ElectionRTT {
				t.Fatalf("changed other settings: %+v", got)
			}
		})
	}
}
