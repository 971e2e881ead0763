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
// Cluster (issue 3): a fresh directory with Config.Join calls
// meta.ActionJoin on the first reachable --join address (within
// Config.JoinTimeout); that node proposes AddNode to the meta shard and
// answers with the assigned node id and the cluster id (dragonboat's
// DeploymentID), which node.json keeps (Joined). Every node then runs
// two loops: reconcile starts each replica the meta state places on the
// node (join=true when it has no Raft log yet), switches the node's
// meta.Routed to its own meta replica once that replica serves, and
// records new addresses after a restart; place, on the meta leader only,
// records one new replica per under-replicated shard
// (meta.PlanReplicas, factor Config.Replicas) and makes each recorded
// replica a Raft member (SyncRequestAddReplica through any node holding
// the shard) once its node reports that replica running. SQL reaches
// shards through shard/router and the catalog through meta.Routed. The
// RPC listener also serves the meta actions and the membership actions
// (actions.go). /debug/cluster shows the node's view of placement and
// Raft membership.
//
// Rebalancing and leaving (rebalance.go, retire.go, heartbeat.go): the
// controller also removes replicas beyond the target (meta.PlanRemovals:
// a moved replica, or one on a decommissioning node) once every other
// replica is a Raft member that serves a linearizable read, Raft first
// (SyncRequestDeleteReplica through a remaining replica, which takes the
// leadership first if the leaving one has it), then the meta record;
// the leaving node retires a replica only when the meta state records
// its removal (meta.State.ReplicaRemoved), stopping it, removing its
// Raft data and deleting its key range. Replica ids carry a generation
// above the node id (meta.State.ReplicaID), so a shard may come back to
// a node it was removed from (dragonboat never re-admits a removed id);
// a node whose meta replica was removed learns it from another node's
// meta state (meta_removal.go), since its own replica never applies the
// record. When nothing is pending it marks
// drained nodes decommissioned, moves one replica to even the spread
// (meta.PlanRebalance) and transfers one leadership to even out leaders
// (meta.PlanLeaderTransfer, from heartbeats). Every node proposes a
// meta.Heartbeat every heartbeatEvery with its replicas' leadership,
// applied index and size (quiver_internal, /metrics).
//
// Invariants:
//   - A fresh directory without Join bootstraps a one-node cluster: the
//     meta replica (shard 1) and Config.DataShards data replicas (shards
//     2..) start with this node as their only initial member, then the
//     bootstrap
//     command is proposed; node.json records Bootstrapped only after it
//     applied, and redoing an unfinished bootstrap is safe.
//   - A restart starts, with no initial members, every replica whose
//     Raft log the node keeps (dragonboat recovers membership from the
//     log), and waits until each serves a linearizable read; a joined
//     node without a meta replica first fetches the meta state from a
//     node with one. Restarting with the same flags (--join included)
//     resumes as the same node.
//   - A replica becomes a Raft voter only after its node started it, so
//     a shard never waits on a dead node or on a replica that could only
//     learn it should start from the shard it would block.
//   - The raft address never changes once recorded in node.json (a port
//     0 request is resolved by probing, once).
//   - Start returns only once SQL is served; on error it releases
//     everything it started. Stop stops accepting, ends sessions, closes
//     the NodeHost and then Pebble.
//   - The RPC listener serves the node's own replicas (shard.Local:
//     Write and Query) over Arrow Flight (shard/shardrpc), never the
//     router, so a request crosses at most one hop.
package node
