// Package logictest runs sqllogictest-style files (testdata/logic/**/*.slt)
// against Quiver or, as an oracle, against PostgreSQL 15.
//
// The file format is sqllogictest's, as described in /work/shared/slt and
// STYLE.md §5:
//
//   - `statement ok` and `statement error <SQLSTATE> [regex]` run SQL that must
//     succeed, or fail with that SQLSTATE and a message matching regex.
//   - `query <types> [nosort|rowsort|valuesort] [label]` runs SQL, then `----`
//     and the expected values. Types are one letter per column: I integer,
//     R float or numeric, T text, B bool.
//   - `hash-threshold N`: results of more than N values are compared as
//     "<n> values hashing to <md5>" (md5 of each value followed by "\n").
//   - `skipif <engine>` / `onlyif <engine>` guard the next record (or a
//     `halt`). Engines are `quiver` and `postgresql` (the -pg oracle).
//   - `halt` ends the file; `# config: <options>` header lines name the
//     cluster shapes the file runs on (each line one config, options
//     `Nnode` and `Kshard`; default `1node`).
//
// Value formatting (one rule, applied to PostgreSQL's text output):
//   - NULL prints as `NULL`; an empty string as `(empty)`; control
//     characters in a value are replaced by `@`.
//   - I prints the integer text as PostgreSQL sends it; a non-integral
//     number is truncated toward zero as sqllogictest does.
//   - R prints with exactly 3 decimals: numeric values are rounded half away
//     from zero on their decimal digits, floats with %.3f on the binary value.
//     NaN and ±Infinity print as PostgreSQL spells them.
//   - T and B print PostgreSQL's text verbatim (bool is `t` / `f`).
//
// Expected values are either one value per line (sqllogictest) or one row
// per line with values separated by whitespace (only when no value contains
// whitespace); -rewrite writes single columns, valuesort results and values
// containing whitespace one per line, and other rows one per line.
//
// Invariants: expected results come from PostgreSQL (write them with -pg and
// -rewrite), never from Quiver; every file runs in a fresh database; a failed
// record is reported with file:line, SQL, expected and actual, and the
// remaining records of the file still run.
package logictest
