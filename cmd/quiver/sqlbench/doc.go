// Package sqlbench runs the SQL benchmarks of testdata/bench/*.bench
// through pgx against an in-process Quiver node, with -nodes against
// clusters of quiver processes, and with -pg against PostgreSQL, for
// side-by-side ratios:
//
//	go test -run='^$' -bench=. ./cmd/quiver/sqlbench
//	go test -run='^$' -bench=. -count 3 ./cmd/quiver/sqlbench -nodes 1,3 \
//	    -pg "host=127.0.0.1 port=55432 user=postgres"
//
// -nodes N builds the quiver binary once and starts N processes on free
// loopback ports (node 1 bootstraps, the others --join it; --tiny-memory,
// --replicas min(N, 3)), waits until every node sees every shard with
// min(N, 3) running replicas and a leader (/debug/cluster), and connects
// the benchmark client to node 1. Every benchmark also reports the
// server's CPU per op (cpu-ns/op) from /proc: the cluster's processes,
// PostgreSQL's postmaster with its children (found from pg_backend_pid()
// when it runs on this machine), and for the in-process node the whole
// test process, client included. After the run a table gives, per file
// and server, the medians over -count runs and their ratios to
// PostgreSQL.
//
// A .bench file is blocks separated by blank lines ('#' lines are comments):
//
//	load                       (optional marker; plain blocks are load SQL)
//	CREATE TABLE t (...)       one statement per block, run once per server
//
//	fill rows=N batch=B        load N rows, B per statement: the block's
//	INSERT INTO t VALUES       first line, then the last line repeated with
//	({k}, 'v{k}')              {k} = 1..N, joined by ", "
//
//	run [rows=N] [repeat=R] [param=seq|rand] [keys=K]
//	SQL                        the timed statement, once per iteration
//
// In run, repeat=R builds each statement like fill from R rows numbered on
// from the previous iteration; param=seq binds $1 to 1, 2, 3, ...;
// param=rand binds $1 to a deterministic pseudo-random key in [1, K]. rows=N
// is how many rows one iteration processes: the benchmark reports rows/s
// besides ns/op. -scale multiplies fill rows, rand keys and (for runs
// without repeat or param) rows, for quick runs.
//
// Invariants: each file runs in a fresh database per server; loading is
// not timed; benchmarks are named
// file=<name>/server=<quiver|quiver-<N>node|postgresql>; processes are
// started only by BenchmarkSQL with -nodes (never by plain go test) and
// TestMain kills them all at the end.
package sqlbench
