// Package node wires one quiver process together: Pebble (storage), a
// dragonboat NodeHost with the meta shard and data shard replicas, the
// SQL layer behind the PostgreSQL wire server (pgwire), an HTTP server
// (/healthz, /metrics) and the internal RPC listener. cmd/quiver's main
// and the tests start nodes through Start.
//
// A data directory holds node.json (node id, cluster id, addresses, and
// whether the bootstrap finished), raft/ (dragonboat's NodeHostDir and
// WALDir) and pebble/ (storage.Open).
//
// Invariants:
//   - A fresh directory bootstraps a one-node cluster: the meta replica
//     (shard 1) and Config.DataShards data replicas (shards 2..) start
//     with this node as their only initial member, then the bootstrap
//     command is proposed; node.json records Bootstrapped only after it
//     applied, and redoing an unfinished bootstrap is safe.
//   - A restart starts the meta replica with no initial members
//     (dragonboat recovers membership from its log), then every data
//     shard the meta state places on this node, and waits until each
//     serves a linearizable read.
//   - The raft address never changes once recorded in node.json (a port
//     0 request is resolved by probing, once).
//   - Start returns only once SQL is served; on error it releases
//     everything it started. Stop stops accepting, ends sessions, closes
//     the NodeHost and then Pebble.
//   - The RPC listener serves the node's data shards (shard.Service:
//     Write and Query) over Arrow Flight (shard/shardrpc); the cluster
//     work (--join) makes gateways on other nodes its clients.
package node
