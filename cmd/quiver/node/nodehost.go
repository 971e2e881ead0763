package node

import (
	"path/filepath"
	"sync"
	"time"

	"github.com/lni/dragonboat/v4"
	"github.com/lni/dragonboat/v4/config"
	"github.com/lni/dragonboat/v4/logger"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/meta"
)

// raftDir is dragonboat's NodeHostDir and WALDir inside the data dir.
const raftDir = "raft"

// dragonboatLoggers are the names of dragonboat's loggers; they log every
// election, snapshot and dropped ReadIndex at INFO or WARNING, so the node
// keeps them at ERROR.
var dragonboatLoggers = []string{
	"dragonboat", "raft", "rsm", "transport", "logdb", "raftpb", "config", "settings", "grpc", "registry",
}

// quietLoggers sets the levels once per process: dragonboat's loggers
// are process-global and read without locks by running NodeHosts, so a
// second node started in the same process (tests) must not write them.
var quietLoggers sync.Once

func quietDragonboat() {
	quietLoggers.Do(func() {
		for _, name := range dragonboatLoggers {
			logger.GetLogger(name).SetLevel(logger.ERROR)
		}
	})
}

// nodeHostConfig sizes dragonboat for a small machine (2 cores, 24 GiB):
// LogDB is 16 Pebble shards; the small config caps their memtables at
// 16 MiB x 4 each (about 1 GiB in all), the tiny one at 4 MiB x 4 (about
// 256 MiB), which lets tests run several nodes at once.
func nodeHostConfig(dataDir, raftAddr string, clusterID uint64, tiny bool) config.NodeHostConfig {
	logdb := config.GetSmallMemLogDBConfig()
	if tiny {
		logdb = config.GetTinyMemLogDBConfig()
	}
	dir := filepath.Join(dataDir, raftDir)
	return config.NodeHostConfig{
		DeploymentID:   clusterID,
		NodeHostDir:    dir,
		WALDir:         dir,
		RTTMillisecond: uint64(meta.RTT / time.Millisecond),
		RaftAddress:    raftAddr,
		Expert:         config.ExpertConfig{LogDB: logdb},
	}
}

func startNodeHost(cfg config.NodeHostConfig) (*dragonboat.NodeHost, error) {
	quietDragonboat()
	nh, err := dragonboat.NewNodeHost(cfg)
	if err != nil {
		return nil, pgerror.Wrapf(err, pgerror.SystemError, "starting raft on %s", cfg.RaftAddress)
	}
	return nh, nil
}
