package meta

import "context"

// Service is how a gateway reads and changes the meta shard. The node's
// implementation proposes through dragonboat; tests may fake it.
type Service interface {
	// State returns the latest state this node has applied.
	State() *State
	// Propose commits cmd through the meta shard's Raft log and returns
	// the state right after it applied. Errors carry their SQLSTATE
	// (42P07 table exists, 42P01 no such table, 3D000, 42P04 ...).
	Propose(ctx context.Context, cmd *Command) (*State, error)
}

// Command is one meta shard log entry; exactly one field is set.
type Command struct {
	// ID, when not 0, identifies the request: a command proposed again
	// with the same ID (a retry after an unknown outcome) returns the
	// first one's result without applying twice (see RecentRequests).
	ID             uint64 `json:",omitempty"`
	CreateTable    *CreateTable
	DropTable      *DropTable
	CreateDatabase *CreateDatabase
	DropDatabase   *DropDatabase
	Bootstrap      *Bootstrap
	AddNode        *AddNode
	AddReplica     *AddReplica
	RemoveReplica  *RemoveReplica
	SetNodeState   *SetNodeState
	Heartbeat      *Heartbeat
}

// CreateTable adds Table (its ID is assigned by apply) to Database.
type CreateTable struct {
	Table       Table
	IfNotExists bool
}

// DropTable removes a table by name.
type DropTable struct {
	Database uint32
	Name     string
	IfExists bool
}

// CreateDatabase adds a database.
type CreateDatabase struct{ Name string }

// DropDatabase removes a database and its tables.
type DropDatabase struct {
	Name     string
	IfExists bool
}

// Bootstrap initialises a new cluster: database postgres (id 1), the
// partition table spreading the slots round-robin over Shards, and Node as
// the first member. It is a no-op on a bootstrapped cluster.
type Bootstrap struct {
	Node   Node
	Shards []Shard
	// ReplicationFactor is the number of replicas the placement controller
	// keeps of every shard (the bootstrapping node's --replicas).
	ReplicationFactor int `json:",omitempty"`
}

// AddNode makes Node (its ID is assigned by apply) a member of the
// cluster. A node whose raft address is already a member keeps its id:
// the command then only updates its other addresses, so a joining node
// that retries gets the same id.
type AddNode struct{ Node Node }

// AddReplica records that shard (MetaShardID or a data shard) has a
// replica on node, whose replica id is the node id. It records the
// placement decision; the Raft membership change follows it.
type AddReplica struct {
	Shard uint64
	Node  uint64
}

// RemoveReplica records that shard's replica on node left the shard's
// Raft group (the membership change comes first). The node then stops
// the replica and deletes its data; the pair is never placed again.
type RemoveReplica struct {
	Shard uint64
	Node  uint64
}

// SetNodeState changes a node's membership state: active to
// decommissioning (refused for the last active node), decommissioning
// to decommissioned (once it holds no replica) or back to active.
type SetNodeState struct {
	Node  uint64
	State NodeState
}

// Heartbeat records that Node was alive At (Unix milliseconds, read by
// the proposer: apply reads no clock) with the replicas it reports.
type Heartbeat struct {
	Node     uint64
	At       int64
	Replicas []ReplicaStatus
}
