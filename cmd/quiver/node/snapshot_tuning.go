package node

import "github.com/lni/dragonboat/v4/config"

// snapshotTuning overrides how often replicas take snapshots and how
// much log they keep after one (Config.SnapshotEntries and
// Config.CompactionOverhead): tests set them low so that a follower that
// missed a few dozen entries must catch up by snapshot. Zero fields keep
// meta.ReplicaConfig's values.
type snapshotTuning struct {
	entries, overhead uint64
}

// apply returns cfg with the tuning's non-zero settings.
func (s snapshotTuning) apply(cfg config.Config) config.Config {
	if s.entries != 0 {
		cfg.SnapshotEntries = s.entries
	}
	if s.overhead != 0 {
		cfg.CompactionOverhead = s.overhead
	}
	return cfg
}
