// Package fastinsert recognises bulk `INSERT INTO t [(cols)] VALUES (...),
// (...)` statements without the cgo PostgreSQL parser. sql tries Parse
// first, builds pg_query's tree from the result (sql/parse_fast.go) and
// falls back to pg_query when it returns ok=false. On a 1,000-row
// statement Parse is about forty times faster than pg_query.Parse (see
// BenchmarkParse); fastinserttest generates statements for testing both.
//
// Invariants:
//   - Parse accepts a statement only when PostgreSQL 15 parses it into the
//     same InsertStmt: same relation, columns, and per value the same
//     constant (kind, text, type class) or parameter at the same location.
//     Anything else (casts, expressions, RETURNING, ON CONFLICT, E'...' or
//     dollar-quoted strings, string continuation, 0x/0o/0b or 1_000
//     numbers, reserved words as bare identifiers, identifiers that
//     PostgreSQL would truncate, ragged VALUES lists, a second statement)
//     is rejected with ok=false; rejection is always safe.
//   - Parse never panics and never allocates per value except where
//     PostgreSQL's scanner rewrites the text (doubled quotes in a string,
//     "- 1" folding).
//   - Every position comes twice: Pos, the 1-based character position
//     PostgreSQL reports in errors, and Off, the 0-based byte offset that
//     pg_query uses as the node's location. Parse rejects invalid UTF-8,
//     NUL bytes and queries too long for int32 locations.
//   - Insert.End is where pg_query ends the statement's text (its ';').
//   - The package imports nothing of Quiver's beyond internal/*.
package fastinsert
