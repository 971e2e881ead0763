package node

import "github.com/lni/dragonboat/v4"

// nhLeaders is router.Leaders over the node's NodeHost: a replica's
// leader id is its node id, since replica ids are node ids.
type nhLeaders struct{ nh *dragonboat.NodeHost }

// Leader implements router.Leaders.
func (l nhLeaders) Leader(shard uint64) (uint64, bool) {
	id, _, ok, err := l.nh.GetLeaderID(shard)
	return id, err == nil && ok && id != 0
}
