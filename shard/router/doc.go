// Package router is the shard.Service a gateway uses in a cluster: it
// sends each Write and Query to the node holding the shard's Raft leader
// (this node's shard.Local when the leader replica is here, else a
// remote node's RPC server) and retries on a leader change or a moved
// replica.
//
// Finding the leader: the node's own replica of the shard knows its
// leader (dragonboat's GetLeaderID, through Leaders); otherwise the
// router tries the last node that served the shard (its leader cache,
// dropped on failure) and then the shard's replicas recorded in the meta
// state. A node that is not (or no longer) the leader still serves the
// request: dragonboat forwards a follower's proposals and ReadIndex
// requests to the leader.
//
// Invariants:
//   - A write is retried only when it certainly did not reach a Raft log:
//     the target node could not be connected to (08000), has no replica
//     of the shard (08006 from shard.Local), or dragonboat dropped the
//     proposal before appending it (40001 "not ready", 57P03). A write
//     whose outcome is unknown (timeout, connection lost mid-call: 40003)
//     is returned to the client, never re-sent, so a retried write is
//     never applied twice. (Dragonboat client sessions would let even
//     those be retried; TODO(#3).)
//   - A precondition failure (*shard.DuplicateKeyError,
//     *shard.ConflictError) is an answer, never retried.
//   - A query is retried on any retryable or transport error raised
//     before its operator is returned; a stream that fails mid-way is
//     not resumed.
//   - Retries stop at the context's deadline, or after DefaultTimeout
//     when it has none.
package router
