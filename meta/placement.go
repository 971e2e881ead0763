package meta

import (
	"time"

	"github.com/lni/dragonboat/v4/config"
)

// Shard ids of a cluster: the meta shard is 1 and data shards count up
// from FirstDataShardID.
const (
	MetaShardID      uint64 = 1
	FirstDataShardID uint64 = 2
)

// Raft tuning shared by every replica of a node.
const (
	// ElectionRTT and HeartbeatRTT are in NodeHost RTTs: a leader
	// heartbeats every 20 ms and an election starts after 200 ms of
	// silence. Every Raft group heartbeats, so a shorter period costs
	// idle CPU on every node (5 groups at 10 ms took ~0.2 CPU-s/s on an
	// idle 3-node cluster) and a shorter election timeout risks spurious
	// elections on a loaded 2-core machine.
	ElectionRTT  = 20
	HeartbeatRTT = 2
	// SnapshotEntries is how often (in applied entries) a replica takes a
	// snapshot; CompactionOverhead is how many entries stay in the log
	// after it.
	SnapshotEntries    = 1000
	CompactionOverhead = 100
	// RTT is the NodeHost's RTTMillisecond.
	RTT = 10 * time.Millisecond
)

// ReplicaConfig returns the dragonboat config of replica replicaID of
// shard shardID.
func ReplicaConfig(shardID, replicaID uint64) config.Config {
	return config.Config{
		ShardID:            shardID,
		ReplicaID:          replicaID,
		ElectionRTT:        ElectionRTT,
		HeartbeatRTT:       HeartbeatRTT,
		CheckQuorum:        true,
		PreVote:            true,
		SnapshotEntries:    SnapshotEntries,
		CompactionOverhead: CompactionOverhead,
		WaitReady:          true,
	}
}

// InitialShards returns the data shards a new cluster of one node
// creates: dataShards shards with ids FirstDataShardID.., each with one
// replica (replica id = node id) on node.
func InitialShards(node Node, dataShards int) []Shard {
	shards := make([]Shard, dataShards)
	for i := range shards {
		shards[i] = Shard{
			ID:       FirstDataShardID + uint64(i),
			Replicas: map[uint64]string{node.ID: node.RaftAddr},
		}
	}
	return shards
}

// Replication returns the replication factor recorded at bootstrap, or
// fallback for a cluster bootstrapped before it was recorded.
func (s *State) Replication(fallback int) int {
	if s.ReplicationFactor > 0 {
		return s.ReplicationFactor
	}
	return fallback
}

// BootstrapCommand returns the command that initialises a one-node
// cluster on node with dataShards data shards.
func BootstrapCommand(node Node, dataShards int) *Command {
	return &Command{Bootstrap: &Bootstrap{Node: node, Shards: InitialShards(node, dataShards)}}
}
