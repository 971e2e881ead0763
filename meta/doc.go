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
package meta
