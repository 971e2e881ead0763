// Package depcheck enforces the import direction of STYLE.md §1: each
// package's deps_test.go lists the Quiver packages it may import, and
// depcheck fails the test when a non-test file imports anything else.
//
// Invariants:
//   - Only direct imports of non-test files are checked; the rule is
//     transitive by construction because every package is checked.
//   - Third-party and standard-library imports are not restricted here.
package depcheck
