package types

import "github.com/cockroachdb/apd/v3"

// Datum is one SQL value. By family:
//
//	NULL (any family)         nil
//	Bool                      bool
//	Int2, Int4, Int8          int64 (range-checked for the family)
//	Float4, Float8            float64 (Float4 values are float32-exact)
//	Numeric                   *apd.Decimal (never mutated once built)
//	Text, Varchar, Unknown    string
//	Date                      Date
//	Timestamp, TimestampTZ    Timestamp
type Datum = any

// Date is days since 1970-01-01 (Arrow's date32). PostgreSQL's infinity
// values are MaxInt32 and MinInt32.
type Date int32

// Timestamp is microseconds since 1970-01-01 00:00:00 UTC (Arrow's
// timestamp[us]). For timestamp without time zone it is the wall clock
// read as UTC. PostgreSQL's infinity values are MaxInt64 and MinInt64
// (TimestampInfinity, TimestampNegInfinity).
type Timestamp int64

// Decimal is the numeric datum's Go type.
type Decimal = apd.Decimal
