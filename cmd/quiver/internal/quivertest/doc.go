// Package quivertest runs quiver processes for the tests of the packages
// under cmd/quiver: it builds the binary once per test package (Main or
// Build), picks free loopback ports (FreeAddr), starts `quiver start` on a
// data directory with those ports and an optional --join (Process.Start
// waits until SQL answers), stops it with SIGTERM (Stop) or SIGKILL (Kill),
// and reads its log and its /debug/cluster view.
//
// Only _test.go files may import this package; deps_test.go fails
// when other code does.
//
// Invariants:
//   - A Process keeps its data directory and ports across restarts, so a
//     restarted node is the same node.
//   - Every process Start launches is waited for by a goroutine; Kill and
//     Stop return only after that wait has finished, so no process outlives
//     them. New registers Kill as a test cleanup.
//   - Process methods may be called from any goroutine (a nemesis may
//     restart a node while clients read its Conninfo).
//   - Processes listen only on 127.0.0.1.
package quivertest
