// Package e2e tests the quiver binary from the outside: it builds it once,
// starts it on free loopback ports, and drives it with pgx, the psql binary
// and HTTP, as a user would.
//
// Invariants: every process a test starts is stopped and waited for before
// the test ends; expected values and SQLSTATEs are PostgreSQL 15's; each
// test owns its data directory and ports.
package e2e
