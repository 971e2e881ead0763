package fastinsert

import (
	"math"
	"strconv"
	"strings"
)

// Insert is a recognised bulk INSERT ... VALUES statement.
type Insert struct {
	// Schema and Table are the relation's name after PostgreSQL's case
	// folding and quoting rules; Schema is "" when the name is unqualified.
	Schema, Table string
	// TablePos is the 1-based character position of the (possibly
	// qualified) table name, where PostgreSQL reports a missing relation;
	// TableOff is its 0-based byte offset (pg_query's location).
	TablePos, TableOff int
	// Columns is the target column list, nil when there is none.
	Columns []Column
	// Rows are the VALUES lists; every row has the same number of values.
	Rows [][]Value
	// End is the byte offset where the statement's text ends: its ';'
	// terminator, else the end of the query (pg_query's stmt_len, or 0).
	End int
}

// Column is one name of an INSERT's target column list.
type Column struct {
	// Name is the column name after case folding and quoting rules.
	Name string
	// Pos is its 1-based character position, Off its 0-based byte offset.
	Pos, Off int
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
	// Param is n of a $n Param (1 ≤ n ≤ MaxInt32).
	Param int32
	// Pos is the 1-based character position PostgreSQL reports for this
	// value in errors: the sign of a signed number, else the token.
	Pos int
	// Off is the 0-based byte offset of the same place: the location
	// pg_query gives the value's node (for a unary '+', the A_Expr's).
	Off int
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
	if _, ok := v.Int4(); ok {
		return Int4
	}
	if _, err := strconv.ParseInt(v.Text, 10, 64); err == nil {
		return Int8
	}
	return NumericInt
}

// Int4 returns the value of an Integer whose IntClass is Int4, and false
// for any other Integer. (PostgreSQL folds the sign into such a constant;
// the others keep their text.) It is meaningless for other kinds.
func (v Value) Int4() (int32, bool) {
	digits, negative := strings.CutPrefix(v.Text, "-")
	if digits == "" {
		return 0, false
	}
	// A loop rather than strconv, whose error values allocate: sql calls
	// this for every Integer of a bulk INSERT.
	n := int64(0)
	for i := 0; i < len(digits); i++ {
		if !isDigit(digits[i]) {
			return 0, false
		}
		if n = n*10 + int64(digits[i]-'0'); n > math.MaxInt32 {
			return 0, false
		}
	}
	if negative {
		n = -n
	}
	return int32(n), true
}
