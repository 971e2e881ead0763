package fastinsert

import "strconv"

// Insert is a recognised bulk INSERT ... VALUES statement.
type Insert struct {
	// Schema and Table are the relation's name after PostgreSQL's case
	// folding and quoting rules; Schema is "" when the name is unqualified.
	Schema, Table string
	// TablePos is the 1-based character position of the (possibly
	// qualified) table name, where PostgreSQL reports a missing relation.
	TablePos int
	// Columns is the target column list, nil when there is none.
	Columns []string
	// Rows are the VALUES lists; every row has the same number of values.
	Rows [][]Value
}

// Kind classifies a Value.
type Kind uint8

const (
	// Null is the NULL keyword.
	Null Kind = iota
	// Default is the DEFAULT keyword.
	Default
	// Bool is TRUE or FALSE.
	Bool
	// Integer is a number literal written with digits only (with an
	// optional sign). IntClass gives the type PostgreSQL assigns to it.
	Integer
	// Decimal is a number literal with a '.' or an exponent: numeric.
	Decimal
	// String is a '...' literal: type unknown until its context types it.
	String
	// Param is a $n parameter reference.
	Param
)

var kindNames = [...]string{"Null", "Default", "Bool", "Integer", "Decimal", "String", "Param"}

// String returns the kind's name.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Value is one element of a VALUES list.
type Value struct {
	Kind Kind
	// Bool is the value of a Bool.
	Bool bool
	// Text is the literal as PostgreSQL's scanner hands it to the parser:
	// for numbers the digits as written, with a leading '-' when a unary
	// minus was applied (a unary '+' is dropped); for strings the contents
	// with '' unescaped; "true"/"false" for Bool; "" otherwise.
	Text string
	// Param is n of a $n Param (n ≥ 1).
	Param int
	// Pos is the 1-based character position PostgreSQL reports for this
	// value in errors: the sign of a signed number, else the token.
	Pos int
}

// IntClass is the type PostgreSQL gives an Integer literal.
type IntClass uint8

const (
	// Int4 is an integer whose unsigned digits fit int4.
	Int4 IntClass = iota
	// Int8 is an integer that does not fit int4 but, with its sign, fits
	// int8. -2147483648 is Int8: PostgreSQL scans 2147483648 first.
	Int8
	// NumericInt is an integer beyond int8.
	NumericInt
)

// IntClass returns the type PostgreSQL assigns to an Integer value's
// Text: int4 when the digits without the sign fit int4, else int8 when
// the signed value fits int8, else numeric. It is meaningless for other
// kinds.
func (v Value) IntClass() IntClass {
	digits := v.Text
	if len(digits) > 0 && digits[0] == '-' {
		digits = digits[1:]
	}
	if n, err := strconv.ParseInt(digits, 10, 32); err == nil && n >= 0 {
		return Int4
	}
	if _, err := strconv.ParseInt(v.Text, 10, 64); err == nil {
		return Int8
	}
	return NumericInt
}
