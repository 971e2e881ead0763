package node

import (
	"github.com/lni/dragonboat/v4"
	"github.com/quiverdb/quiver/meta"
)

// ClusterInfo is the node's view of the cluster, served as JSON on
// /debug/cluster: what the meta state places where, and what this node's
// replicas know of their Raft groups.
type ClusterInfo struct {
	NodeID      uint64        `json:"node_id"`
	MetaVersion uint64        `json:"meta_version"`
	Nodes       []uint64      `json:"nodes"`
	Shards      []ShardStatus `json:"shards"`
}

// ShardStatus is one shard in ClusterInfo.
type ShardStatus struct {
	ID uint64 `json:"id"`
	// Placed lists the nodes the meta state places replicas on.
	Placed []uint64 `json:"placed"`
	// Running says whether this node runs a replica; Members and Leader
	// are that replica's view of the Raft group, as node ids.
	Running bool     `json:"running"`
	Members []uint64 `json:"members,omitempty"`
	Leader  uint64   `json:"leader,omitempty"`
}

// clusterInfo returns the node's ClusterInfo.
func (n *Node) clusterInfo() any {
	s := n.meta.State()
	info := ClusterInfo{NodeID: n.id.NodeID, MetaVersion: s.Version}
	for _, node := range s.Nodes {
		info.Nodes = append(info.Nodes, node.ID)
	}
	local := map[uint64]dragonboat.ShardInfo{}
	if nhi := n.nh.GetNodeHostInfo(dragonboat.NodeHostInfoOption{SkipLogInfo: true}); nhi != nil {
		for _, si := range nhi.ShardInfoList {
			local[si.ShardID] = si
		}
	}
	for _, id := range s.ShardIDs() {
		placed, _ := s.ReplicasOf(id)
		st := ShardStatus{ID: id, Placed: sortedIDs(placed)}
		if si, ok := local[id]; ok {
			st.Running = true
			st.Members = nodesOf(si.Replicas)
			st.Leader = meta.NodeOfReplica(si.LeaderID)
		}
		info.Shards = append(info.Shards, st)
	}
	return info
}

// nodesOf returns the node ids of a Raft membership (replica id ->
// address), in ascending order.
func nodesOf(replicas map[uint64]string) []uint64 {
	ids := make([]uint64, 0, len(replicas))
	for id := range replicas {
		ids = append(ids, meta.NodeOfReplica(id))
	}
	sortIDs(ids)
	return ids
}
