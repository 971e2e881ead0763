package types

// This file declares the functions of the package that the rest of Quiver
// builds on. Their implementations move into one file per concept
// (text_in.go, text_out.go, cast.go, compare.go, arith.go, arrow_datum.go,
// binary.go) as they are written.

import (
	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/quiverdb/quiver/internal/pgerror"
)

var errTODO = pgerror.New(pgerror.FeatureNotSupported, "not implemented")

// ParseText parses s, PostgreSQL's text input for t (int4in, numeric_in,
// date_in, ...), applying t's modifiers: varchar(n) too long is 22001,
// numeric(p,s) rounds to s and overflows with 22003, bad input is 22P02 (or
// 22007/22008 for dates and times).
func ParseText(t T, s string) (Datum, error) { return nil, errTODO }

// AppendText appends d (non-NULL) in PostgreSQL's text output format for t
// (DateStyle ISO, TimeZone UTC, extra_float_digits 1: shortest floats).
func AppendText(buf []byte, t T, d Datum) []byte { return buf }

// FormatText returns AppendText as a string.
func FormatText(t T, d Datum) string { return string(AppendText(nil, t, d)) }

// Cast converts d (non-NULL) from type from to type to as an explicit
// CAST does, applying to's modifiers. Unsupported pairs are 42846.
func Cast(d Datum, from, to T) (Datum, error) { return nil, errTODO }

// Compare orders two non-NULL datums of the same family: -1, 0 or +1.
// Floats order NaN above every other value, as PostgreSQL does.
func Compare(t T, a, b Datum) int { return 0 }

// Arith applies a binary arithmetic operator (+ - * / %) to non-NULL
// datums of the already-resolved operand type t (both operands have type
// t), with PostgreSQL's semantics: integer division truncates, overflow is
// 22003, division by zero is 22012.
func Arith(op string, t T, a, b Datum) (Datum, error) { return nil, errTODO }

// AppendDatum appends d (nil for NULL) to a builder of t.ArrowType().
func AppendDatum(b array.Builder, t T, d Datum) {}

// DatumAt returns row i of arr (of t.ArrowType()) as a Datum, nil if NULL.
func DatumAt(arr arrow.Array, t T, i int) Datum { return nil }

// EncodeBinary appends d (non-NULL) in PostgreSQL's binary send format.
func EncodeBinary(buf []byte, t T, d Datum) ([]byte, error) { return nil, errTODO }

// DecodeBinary parses PostgreSQL's binary receive format for t; malformed
// input is 22P03.
func DecodeBinary(t T, src []byte) (Datum, error) { return nil, errTODO }
