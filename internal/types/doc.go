// Package types defines Quiver's SQL types, the Go values that hold them
// (datums), their PostgreSQL OIDs and names, their Arrow column types, and
// the pure functions over them, each with PostgreSQL 15's semantics:
//
//   - text_in.go, datetime_in.go: ParseText (int4in, numeric_in, date_in, ...)
//   - text_out.go: AppendText/FormatText (DateStyle ISO, TimeZone UTC,
//     shortest round-trip floats)
//   - cast.go: Cast, explicit CAST between every pair of families
//   - compare.go: Compare, a total order per family
//   - arith.go, arith_numeric.go: Arith, Negate, DateAddDays
//   - arrow_datum.go: AppendDatum/DatumAt between datums and Arrow arrays
//   - binary.go: EncodeBinary/DecodeBinary, PostgreSQL's send/recv formats
//   - numeric.go, calendar.go: numeric rounding and typmods; calendar math
//
// Invariants:
//   - A Datum is nil (SQL NULL) or exactly the Go type that its T's family
//     names (see Datum); no other representation is accepted anywhere.
//   - Numeric is exact: apd decimals, never float64. Decimals this package
//     builds have no negative zero and an exponent <= 0 (the exponent is
//     minus the display scale), so their text keeps the scale (1.50).
//   - timestamp and timestamptz hold microseconds; a timestamptz is an
//     instant (UTC). The zone-less functions (ParseText, AppendText, Cast)
//     use TimeZone UTC; zone.go's ParseTextIn, AppendTextIn and CastIn
//     take the session zone, as PostgreSQL's TimeZone.
//   - Every error carries its SQLSTATE (internal/pgerror); no function
//     panics on user input.
//   - This package imports only internal/pgerror and third-party modules.
package types
