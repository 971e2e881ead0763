// Package meta owns the meta shard (dragonboat shard 1): the catalog of
// databases and tables, the partition table mapping slots to data shards,
// the placement of data shard replicas and the cluster's nodes.
//
// The meta shard is a regular in-memory dragonboat state machine
// (stateMachine). Every Command is applied by the pure function apply,
// which turns one immutable *State into the next; the state machine
// publishes it through an atomic pointer, so readers (Local.State) never
// lock. Snapshots are the versioned encoding of a State; at restart
// dragonboat recovers the latest snapshot and replays the log after it.
//
// Membership: AddNode (a joining node; ids come from State.NextNodeID
// and a raft address keeps its id) and AddReplica (a placement
// decision: the meta shard's replicas in State.MetaReplicas, a data
// shard's in Shard.Replicas; replica id = node id) are meta commands.
// RemoveReplica (after the Raft removal; the pair is never placed
// again), SetNodeState (active, decommissioning, decommissioned) and
// Heartbeat (liveness time and replica figures, the proposer's clock)
// are meta commands too. PlanReplicas, PlanRemovals, PlanRebalance and
// PlanLeaderTransfer are the pure placement policy the node's
// controller runs on the meta leader. Remote is the Service of a node without a meta
// replica (it forwards proposals over a Transport, ActionPropose, and
// fetches the state, ActionState); Routed picks Local once the node's
// own replica serves, Remote before. ServePropose and ServeState answer
// those actions on a node with a replica.
//
// Invariants:
//   - apply is deterministic: it reads no clock, no randomness and no
//     environment, and never modifies the State it is given.
//   - A published State is never mutated; each change makes a new one with
//     Version+1. A failed or skipped command publishes nothing.
//   - Errors born in apply travel to the proposer inside sm.Result with
//     their SQLSTATE, message, detail and hint, so Local.Propose returns
//     the same error on the proposing node; a command skipped by IF [NOT]
//     EXISTS returns a State whose Notice is PostgreSQL's NOTICE.
//   - Table ids come from State.NextTableID (first FirstTableID) and are
//     never reused; database postgres is id 1.
//   - Log entries and snapshots start with an encoding version byte.
//   - Remote sends a command to another node only when the previous one
//     could not be reached (08xxx, 57P03), and never publishes a State
//     older than the one it holds.
package meta
