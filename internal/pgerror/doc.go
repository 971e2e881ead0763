// Package pgerror holds PostgreSQL's SQLSTATE codes and an error type that
// carries one from where the error is born to the client.
//
// Invariants:
//   - Code(err) walks Unwrap and returns the first code it finds, or
//     InternalError (XX000) when none is found.
//   - Wrapping keeps the original code unless the wrapper names its own.
//   - This package imports nothing of Quiver's.
package pgerror
