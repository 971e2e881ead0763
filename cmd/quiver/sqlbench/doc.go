// Package sqlbench runs the SQL benchmarks of testdata/bench/*.bench
// through pgx against an in-process Quiver node and, with -pg, against
// PostgreSQL, for side-by-side ratios:
//
//	go test -run='^$' -bench=. ./cmd/quiver/sqlbench
//	go test -run='^$' -bench=. ./cmd/quiver/sqlbench -pg "host=127.0.0.1 port=55432 user=postgres"
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
// not timed; benchmarks are named file=<name>/server=<quiver|postgresql>.
package sqlbench
