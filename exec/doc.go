// Package exec runs plan fragments (execpb specs) as pull-based operators
// over Arrow record batches, and evaluates scalar expressions a column at
// a time.
//
// Invariants:
//   - Build(spec) creates fresh operators; per-run state lives in them,
//     never in the spec.
//   - Next returns a batch or (nil, io.EOF); errors are returned, never
//     panicked, and carry a SQLSTATE.
//   - Every batch an operator returns is released by it on the following
//     Next or Close; a consumer that keeps one calls Retain.
//   - Every typed fast path (arithmetic, comparison, IN sets, CASE and
//     COALESCE picks, groupers, sort keys) gives exactly what the per-row
//     types.* reference gives, errors included; the *_quick_test.go
//     files check this on random inputs with NULLs and edge values.
//   - A sort is stable: ties keep their input order.
//   - exec imports execpb, internal/* and Arrow, never planner, shard,
//     meta or storage: table scans come from the Env the caller passes.
package exec
