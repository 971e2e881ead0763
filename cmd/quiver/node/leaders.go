package node

import (
	"github.com/lni/dragonboat/v4"
	"github.com/quiverdb/quiver/meta"
)

// nhLeaders is router.Leaders over the node's NodeHost: a leader's
// node id is the low part of its replica id (meta.NodeOfReplica).
type nhLeaders struct{ nh *dragonboat.NodeHost }

// Leader implements router.Leaders.
func (l nhLeaders) Leader(shard uint64) (uint64, bool) {
	id, _, ok, err := l.nh.GetLeaderID(shard)
	return meta.NodeOfReplica(id), err == nil && ok && id != 0
}
