// Package types defines Quiver's SQL types, the Go values that hold them
// (datums), their PostgreSQL OIDs and names, their Arrow column types, and
// the pure functions over them: text input and output in PostgreSQL's
// formats, casts, comparison and arithmetic.
//
// Invariants:
//   - A Datum is nil (SQL NULL) or exactly the Go type that its T's family
//     names (see Datum); no other representation is accepted anywhere.
//   - Numeric is exact: apd decimals, never float64.
//   - Every error carries its SQLSTATE (internal/pgerror).
//   - This package imports only internal/pgerror and third-party modules.
package types
