// Package clustertest runs multi-process tests of a quiver cluster: with
// quivertest it builds the quiver binary, starts several processes on
// free loopback ports (the second and later with --join), and checks
// joining, replica placement, routing of statements through any node,
// and failover when a node is killed with SIGKILL and restarted.
//
// The helpers poll each node's /debug/cluster (the node's view of the
// placement and of its replicas' Raft groups) to know when the cluster
// has converged.
package clustertest
