package node

import (
	"log/slog"
	"time"

	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/meta"
)

// DefaultDataShards is the number of data shards a new cluster creates.
const DefaultDataShards = 4

// Config is what a node needs to start. Addresses may use port 0 (a free
// port is chosen); RaftAddr's choice is kept in node.json, because
// dragonboat ties a NodeHost to its raft address.
type Config struct {
	DataDir, ListenAddr, RaftAddr, RPCAddr, HTTPAddr string
	// Join lists RPC addresses of existing nodes to join; empty
	// bootstraps a new cluster. A node with a node.json ignores it (it
	// resumes as the node it was).
	Join []string
	// Replicas is the replication factor the placement controller drives
	// every shard to (meta.DefaultReplicationFactor when 0).
	Replicas int
	// JoinTimeout bounds joining through Join (DefaultJoinTimeout when
	// 0): an unreachable cluster fails the start after it.
	JoinTimeout time.Duration
	// DataShards is the number of data shards created at bootstrap
	// (DefaultDataShards when 0). A restart ignores it.
	DataShards int
	// TinyMemory selects dragonboat's tiny LogDB config (tests).
	TinyMemory bool
	// SnapshotEntries and CompactionOverhead, when not 0, override how
	// often every replica takes a snapshot (in applied entries) and how
	// many entries its log keeps after one (meta.SnapshotEntries and
	// meta.CompactionOverhead). Tests set them low to force catch-up by
	// snapshot.
	SnapshotEntries, CompactionOverhead uint64
	// Logger receives the node's log; slog.Default() when nil.
	Logger *slog.Logger
}

// withDefaults returns cfg with its zero fields defaulted, or an error
// for a configuration the node cannot run.
func (cfg Config) withDefaults() (Config, error) {
	if cfg.DataShards == 0 {
		cfg.DataShards = DefaultDataShards
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.JoinTimeout == 0 {
		cfg.JoinTimeout = DefaultJoinTimeout
	}
	if cfg.Replicas == 0 {
		cfg.Replicas = meta.DefaultReplicationFactor
	}
	switch {
	case cfg.DataDir == "":
		return cfg, pgerror.New(pgerror.InvalidParameterValue, "a data directory is required")
	case cfg.DataShards < 0 || cfg.DataShards > 1024:
		return cfg, pgerror.Newf(pgerror.InvalidParameterValue, "data shards must be between 1 and 1024, not %d", cfg.DataShards)
	case cfg.Replicas < 0 || cfg.Replicas > 7:
		return cfg, pgerror.Newf(pgerror.InvalidParameterValue, "replicas must be between 1 and 7, not %d", cfg.Replicas)
	}
	for _, a := range []struct{ name, addr string }{
		{"listen", cfg.ListenAddr}, {"raft", cfg.RaftAddr}, {"rpc", cfg.RPCAddr}, {"http", cfg.HTTPAddr},
	} {
		if a.addr == "" {
			return cfg, pgerror.Newf(pgerror.InvalidParameterValue, "the %s address is required", a.name)
		}
	}
	return cfg, nil
}
