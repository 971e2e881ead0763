// Package planner owns logical plans, their rewrite rules and their
// distribution into execpb fragments.
//
// sql builds a logical plan (Scan, Values, Filter, Project, Aggregate,
// Sort, Limit) from a bound statement; Substitute replaces parameters with
// constants; Optimize rewrites the plan (constant folding, filter pushdown
// into the scan, primary key point lookups, projection pruning);
// Distribute cuts it into the shard fragment and the gateway fragment of
// an execpb.Plan. A plan may also be optimized and distributed with its
// parameters in place (a generic plan: a key fixed by a parameter still
// makes a point lookup); SubstitutePlan then fills in each execution's
// values.
//
// Invariants:
//   - Plans are immutable: every rule returns new nodes and never writes
//     to its input, so a prepared statement's plan can be reused.
//   - Scalar expressions are execpb.Expr values whose ExprColumn indexes
//     refer to the output columns of the node's input.
//   - A rule never changes the output columns of the plan's root.
//   - No ExprParam is left in a fragment that leaves the gateway:
//     Substitute (before Optimize) or SubstitutePlan (after Distribute)
//     replaces them all.
//   - planner imports exec/execpb and internal/* only; it reads schema
//     through its Catalog interface and returns specs, never operators.
package planner
