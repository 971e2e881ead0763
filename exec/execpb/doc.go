// Package execpb holds plan fragment specs: the data that the planner
// produces and exec turns into operators. A spec is plain data (it encodes
// with encoding/gob or JSON and crosses nodes); it is never a live object.
//
// Invariants:
//   - Specs are immutable once built; exec never writes to them.
//   - Constants are carried as PostgreSQL text (Const.Text) so a spec holds
//     no Go value that does not serialise; exec parses them at Build.
//   - This package imports only internal/types.
package execpb
