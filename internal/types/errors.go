package types

import (
	"github.com/quiverdb/quiver/internal/pgerror"
)

// typeName returns PostgreSQL's name of t's family, without modifiers, as
// error messages spell it.
func typeName(t T) string { return familyInfo[t.Family].name }

func errInvalidSyntax(t T, s string) error {
	return pgerror.Newf(pgerror.InvalidTextRepresentation,
		"invalid input syntax for type %s: \"%s\"", typeName(t), s)
}

func errValueOutOfRange(t T, s string) error {
	return pgerror.Newf(pgerror.NumericValueOutOfRange,
		"value \"%s\" is out of range for type %s", s, typeName(t))
}

func errFloatOutOfRange(t T, s string) error {
	return pgerror.Newf(pgerror.NumericValueOutOfRange,
		"\"%s\" is out of range for type %s", s, typeName(t))
}

// errIntOutOfRange is the error of integer arithmetic and casts that
// leave t's range ("integer out of range").
func errIntOutOfRange(t T) error {
	return pgerror.Newf(pgerror.NumericValueOutOfRange, "%s out of range", typeName(t))
}

var (
	errDivisionByZero = pgerror.New(pgerror.DivisionByZero, "division by zero")
	errFloatOverflow  = pgerror.New(pgerror.NumericValueOutOfRange, "value out of range: overflow")
	errFloatUnderflow = pgerror.New(pgerror.NumericValueOutOfRange, "value out of range: underflow")
	errNumericFormat  = pgerror.New(pgerror.NumericValueOutOfRange, "value overflows numeric format")
)

func errDatetimeSyntax(t T, s string) error {
	return pgerror.Newf(pgerror.InvalidDatetimeFormat,
		"invalid input syntax for type %s: \"%s\"", typeName(t), s)
}

func errDatetimeField(s string) error {
	return pgerror.Newf(pgerror.DatetimeFieldOverflow,
		"date/time field value out of range: \"%s\"", s)
}

func errDatetimeRange(t T, s string) error {
	name := "date"
	if t.Family != DateFamily {
		name = "timestamp"
	}
	return pgerror.Newf(pgerror.DatetimeFieldOverflow, "%s out of range: \"%s\"", name, s)
}

func errCannotCast(from, to T) error {
	return pgerror.Newf(pgerror.CannotCoerce, "cannot cast type %s to %s", typeName(from), typeName(to))
}

func errBadBinary(t T) error {
	return pgerror.Newf(pgerror.InvalidBinaryRepresentation,
		"incorrect binary data format for type %s", typeName(t))
}

// errWrongDatum reports a Datum whose Go type does not match its family: a
// bug in the caller, never user input.
func errWrongDatum(t T, d Datum) error {
	return pgerror.AssertionFailedf("datum %T (%v) is not a %s", d, d, typeName(t))
}
