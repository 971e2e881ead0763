// Package fastinserttest generates random INSERT statements for testing
// fastinsert.Parse and the trees sql builds from its result: statements of
// the accepted shape (varied spacing, comments, case, quoting, schemas,
// column lists and every kind of value), some with one near miss spliced
// in that Parse must reject.
//
// Invariants:
//   - A Gen is deterministic: the same seed gives the same statements.
//   - A statement reported without a near miss is one PostgreSQL 15 and
//     pg_query parse as a plain INSERT ... VALUES of literals, parameters
//     and DEFAULT; one reported with a near miss is not of that shape.
//   - The package imports nothing of Quiver's, so fastinsert's own tests
//     can use it.
package fastinserttest
