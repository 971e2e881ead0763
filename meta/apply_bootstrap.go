package meta

import "github.com/quiverdb/quiver/internal/pgerror"

func applyBootstrap(s *State, b *Bootstrap) outcome {
	if s.bootstrapped() {
		return skipped(s, pgerror.SuccessfulCompletion, "cluster is already bootstrapped, skipping")
	}
	if len(b.Shards) == 0 {
		return failed(s, pgerror.New(pgerror.InvalidParameterValue, "bootstrap needs at least one data shard"))
	}
	n := s.next()
	n.Databases = append(n.Databases, Database{ID: PostgresDatabaseID, Name: "postgres"})
	n.NextDatabaseID = PostgresDatabaseID + 1
	n.NextTableID = FirstTableID
	n.ReplicationFactor = b.ReplicationFactor
	n.Shards = cloneShards(b.Shards)
	for slot := range n.Slots {
		n.Slots[slot] = b.Shards[slot%len(b.Shards)].ID
	}
	n.Nodes = append(n.Nodes, b.Node)
	n.MetaReplicas = map[uint64]string{b.Node.ID: b.Node.RaftAddr}
	n.NextNodeID = b.Node.ID + 1
	return changed(n)
}
