package node

import (
	"github.com/lni/dragonboat/v4"
	sm "github.com/lni/dragonboat/v4/statemachine"
	"github.com/quiverdb/quiver/shard"
	"github.com/quiverdb/quiver/storage"
)

// dataShards returns the data shards' state machine factory and the
// service the gateway calls them through.
func dataShards(nh *dragonboat.NodeHost, eng *storage.Engine) (sm.CreateOnDiskStateMachineFunc, shard.Service) {
	return shard.NewStateMachineFactory(eng), shard.NewLocal(nh, eng)
}
