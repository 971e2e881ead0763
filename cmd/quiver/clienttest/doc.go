// Package clienttest checks Quiver against real PostgreSQL client drivers:
// pgjdbc (Java), psycopg2 (Python), node-postgres (JavaScript) and psqlODBC
// (through pyodbc and unixODBC's isql). Each test builds the quiver binary,
// starts it on free loopback ports, runs a small program written for that
// client (testdata/<client>/), and compares the transcript the program
// prints — values in the client's own types, command tags, SQLSTATEs — with
// testdata/<client>/expected.out.
//
// The expected transcripts are PostgreSQL 15's: `go test -pg conninfo`
// runs the same programs against a PostgreSQL server, and with -rewrite
// stores what they printed. When QUIVER_TEST_PG is set (as .ci/run does),
// every test also runs its program against that server.
//
// Invariants:
//   - A missing client is a test failure naming the Debian or npm package
//     to install, never a skip: .ci/run installs them all.
//   - Every process a test starts (quiver, java, python3, node, isql) is
//     stopped and waited for before the test ends; each test owns its data
//     directory, ports and, against PostgreSQL, a fresh database.
//   - Client programs never stop at the first mismatch: each step prints its
//     result or its error, so one diff shows every difference.
package clienttest
