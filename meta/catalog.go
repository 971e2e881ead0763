package meta

import (
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
)

// SlotCount is the fixed number of slots every table's rows hash into.
const SlotCount = 256

// Column is one column of a table.
type Column struct {
	ID      uint32
	Name    string
	Type    types.T
	NotNull bool
	// Default is the column's constant DEFAULT in Type's text format;
	// HasDefault false means DEFAULT NULL.
	HasDefault  bool
	Default     string
	DefaultNull bool
	// Hidden marks the rowid column of a table without a primary key: it
	// is not in SELECT * and cannot be named by INSERT.
	Hidden bool
}

// Table describes a table. Tables are immutable once created; DDL makes a
// new version of the catalog.
type Table struct {
	ID       uint32
	Database uint32
	Name     string
	Columns  []Column
	// PrimaryKey lists positions in Columns, in key order. A table created
	// without one has a hidden int8 rowid column as its key.
	PrimaryKey []int
}

// Database is a database of the cluster.
type Database struct {
	ID   uint32
	Name string
}

// Shard is one data shard: a Raft group.
type Shard struct {
	ID       uint64            // dragonboat shard id
	Replicas map[uint64]string // node id -> node's raft address
	// Removed lists, once per removal, the nodes whose replica was
	// removed from the shard: dragonboat never accepts a removed replica
	// id again, so a replica placed on such a node again gets the next
	// generation's id (State.ReplicaID).
	Removed []uint64 `json:",omitempty"`
}

// Node is one quiver process of the cluster.
type Node struct {
	ID       uint64
	RaftAddr string
	RPCAddr  string
	SQLAddr  string
	HTTPAddr string
	// State is the node's membership state: NodeActive ("" in a state
	// written before it existed), NodeDecommissioning or
	// NodeDecommissioned.
	State NodeState `json:",omitempty"`
	// LastHeartbeat is the time of the node's last Heartbeat (Unix
	// milliseconds, the proposer's clock), 0 before its first.
	LastHeartbeat int64 `json:",omitempty"`
	// Replicas is what the node reported of its replicas in that
	// heartbeat, by shard id.
	Replicas []ReplicaStatus `json:",omitempty"`
}

// NodeState is the membership state of a node.
type NodeState string

// Node states. A decommissioning node gets no new replica and the
// placement controller moves every replica off it; it becomes
// decommissioned once it holds none.
const (
	NodeActive          NodeState = "active"
	NodeDecommissioning NodeState = "decommissioning"
	NodeDecommissioned  NodeState = "decommissioned"
)

// ReplicaStatus is one replica as its node reported it in a heartbeat.
type ReplicaStatus struct {
	Shard   uint64
	Leader  bool   `json:",omitempty"`
	Applied uint64 `json:",omitempty"`
	// SizeBytes is the size of the shard's keys and values on the node.
	SizeBytes int64 `json:",omitempty"`
}

// State is a read-only snapshot of the meta shard's state. A new State is
// made by every applied entry; holders never mutate it.
type State struct {
	// Version increases with every applied catalog change.
	Version   uint64
	Databases []Database
	Tables    []*Table
	// Slots maps each slot to the data shard that owns it.
	Slots  [SlotCount]uint64
	Shards []Shard
	Nodes  []Node
	// MetaReplicas places the meta shard's replicas: node id -> node's
	// raft address (the replica id is State.ReplicaID). A state written before it existed has
	// none; MetaMembers then answers with the first node.
	MetaReplicas map[uint64]string `json:",omitempty"`
	// MetaRemoved lists the nodes whose meta replica was removed (see
	// Shard.Removed).
	MetaRemoved []uint64 `json:",omitempty"`
	// NextNodeID is the id AddNode assigns next (0 in a state written
	// before it existed: the highest node id + 1 is used).
	NextNodeID uint64 `json:",omitempty"`
	// NextTableID and NextDatabaseID are the ids the next CreateTable and
	// CreateDatabase assign. NextDatabaseID is 0 until the cluster is
	// bootstrapped.
	NextTableID    uint32
	NextDatabaseID uint32
	// Notice is set only on a State returned by Service.Propose when the
	// command was skipped by IF [NOT] EXISTS: it is the NOTICE PostgreSQL
	// sends (e.g. 42P07 `relation "t" already exists, skipping`). A
	// published State never carries one.
	Notice *pgerror.Error `json:"-"`
	// ReplicationFactor is the replicas kept of every shard, fixed at
	// bootstrap (0 in states written before it was recorded).
	ReplicationFactor int `json:",omitempty"`
	// RecentRequests are the results of the last commands that carried an
	// ID, oldest first, at most maxRecentRequests of them.
	RecentRequests []RequestResult `json:",omitempty"`
}

// RequestResult is the encoded result of the command with ID.
type RequestResult struct {
	ID     uint64
	Result []byte `json:",omitempty"`
}
