// Package lintest checks a 3-node quiver cluster against its promises
// while a nemesis kills nodes with SIGKILL and restarts them:
//
//   - TestLinearizable: concurrent clients, each with one connection to
//     one node, read, write and compare-and-set integer registers (rows
//     of kv); the history of invocations and returns is checked with
//     porcupine against a register model partitioned by key.
//   - TestNoLoss: concurrent clients insert unique keys through every
//     node; at the end every acknowledged insert is present exactly once,
//     and an insert whose outcome was unknown is present at most once.
//
// An operation that ends with an error whose outcome is unknown (the
// connection broke, the statement timed out, 40003) may have applied: it
// enters the history with no return (porcupine sees it return at the end
// of time). Errors that certainly did not apply (40001, 23505, a failed
// connect) leave it out. A run must record at least minOps completed
// operations and minFaults faults, or it fails.
//
// The tests build the quiver binary once (TestMain) and start processes
// on free loopback ports with --tiny-memory.
package lintest
