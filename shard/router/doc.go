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
//   - Every write carries a request identity (shard.WriteCommand's
//     Client and Seq) from the router's session pool: a session is a
//     random client id whose writes run one at a time with increasing
//     sequence numbers, and the shard applies each (Client, Seq) at
//     most once. So a write is retried on every error that is not an
//     answer: could not connect (08000), no replica here (08006), Raft
//     dropped it (40001 "not ready"), node stopping (57P01), and also
//     when its outcome is unknown (timeout, connection lost mid-call:
//     40003). Each attempt has its own deadline (AttemptTimeout), so a
//     proposal stuck behind a dead leader is re-sent elsewhere.
//   - A write whose outcome stayed unknown when the bound (Timeout, or
//     the context's deadline) is reached ends with 40003, even when its
//     last attempt could not reach any node.
//   - A precondition failure (*shard.DuplicateKeyError,
//     *shard.ConflictError) is an answer, never retried.
//   - A query is retried on any retryable or transport error raised
//     before its operator is returned; a stream that fails mid-way is
//     not resumed.
//   - Retries stop after Timeout (DefaultTimeout, 10 s), or at the
//     context's deadline when it is sooner; a request that found no
//     replica answering and never risked applying ends with 40001. A
//     read attempt is abandoned after AttemptTimeout too.
//   - A shard whose last request ran out of its bound without an answer
//     is marked without a quorum: while this node's replica of it knows
//     no leader, requests to it fail at once (40001), else they get one
//     AttemptTimeout; the first success clears the mark (health.go).
package router
