package types

import (
	"math"

	"github.com/quiverdb/quiver/internal/pgerror"
)

// Arith applies a binary arithmetic operator (+ - * / %) to non-NULL
// datums of the already-resolved operand type t (both operands have type
// t), with PostgreSQL's semantics: integer division truncates, overflow is
// 22003, division by zero is 22012.
//
// It also concatenates text with "||" and subtracts dates ("-", giving
// the int64 number of days, as date - date is integer in PostgreSQL).
func Arith(op string, t T, a, b Datum) (Datum, error) {
	switch t.Family {
	case Int2Family, Int4Family, Int8Family:
		x, y, err := operands[int64](t, a, b)
		if err != nil {
			return nil, err
		}
		return arithInt(op, t, x, y)
	case Float4Family, Float8Family:
		x, y, err := operands[float64](t, a, b)
		if err != nil {
			return nil, err
		}
		return arithFloat(op, t, x, y)
	case NumericFamily:
		x, y, err := operands[*Decimal](t, a, b)
		if err != nil {
			return nil, err
		}
		return arithNumeric(op, x, y)
	case TextFamily, VarcharFamily, UnknownFamily:
		x, y, err := operands[string](t, a, b)
		if err == nil && op == "||" {
			return x + y, nil
		}
	case DateFamily:
		x, y, err := operands[Date](t, a, b)
		if err == nil && op == "-" {
			return dateDiff(x, y)
		}
	}
	return nil, errNoOperator(op, t)
}

// operands asserts both datums are V.
func operands[V any](t T, a, b Datum) (V, V, error) {
	x, ok1 := a.(V)
	y, ok2 := b.(V)
	if !ok1 {
		return x, y, errWrongDatum(t, a)
	}
	if !ok2 {
		return x, y, errWrongDatum(t, b)
	}
	return x, y, nil
}

func errNoOperator(op string, t T) error {
	return pgerror.Newf(pgerror.UndefinedFunction, "operator does not exist: %s %s %s", typeName(t), op, typeName(t))
}

// arithInt computes in int64 and checks the result against t's range.
func arithInt(op string, t T, a, b int64) (Datum, error) {
	var r int64
	ok := true
	switch op {
	case "+":
		r = a + b
		ok = (r > a) == (b > 0)
	case "-":
		r = a - b
		ok = (r < a) == (b > 0)
	case "*":
		r = a * b
		ok = a == 0 || (r/a == b && !(a == -1 && b == math.MinInt64) && !(b == -1 && a == math.MinInt64))
	case "/":
		if b == 0 {
			return nil, errDivisionByZero
		}
		ok = !(a == math.MinInt64 && b == -1)
		r = a / b
	case "%":
		if b == 0 {
			return nil, errDivisionByZero
		}
		if b != -1 {
			r = a % b
		}
	default:
		return nil, errNoOperator(op, t)
	}
	return checkIntRange(t, r, ok)
}

func checkIntRange(t T, r int64, ok bool) (Datum, error) {
	lo, hi := intBounds(t)
	if !ok || r < lo || r > hi {
		return nil, errIntOutOfRange(t)
	}
	return r, nil
}

// arithFloat is float4pl ... float8div: IEEE arithmetic (in float32 for
// real) where a finite operation producing infinity overflows and a
// nonzero one producing zero underflows.
func arithFloat(op string, t T, a, b float64) (Datum, error) {
	var r float64
	switch op {
	case "+":
		r = roundFloat(t, a+b)
	case "-":
		r = roundFloat(t, a-b)
	case "*":
		r = roundFloat(t, a*b)
		if r == 0 && a != 0 && b != 0 {
			return nil, errFloatUnderflow
		}
	case "/":
		if b == 0 && !math.IsNaN(a) {
			return nil, errDivisionByZero
		}
		r = roundFloat(t, a/b)
		if r == 0 && a != 0 && !math.IsInf(b, 0) {
			return nil, errFloatUnderflow
		}
	default:
		return nil, errNoOperator(op, t)
	}
	if math.IsInf(r, 0) && !math.IsInf(a, 0) && !math.IsInf(b, 0) {
		return nil, errFloatOverflow
	}
	return r, nil
}

// roundFloat rounds to float32 for real. (float32 arithmetic on
// float32-exact operands rounds the exact result once, as the float64
// result rounded to float32 does for + - * /.)
func roundFloat(t T, f float64) float64 {
	if t.Family == Float4Family {
		return float64(float32(f))
	}
	return f
}

// Negate is unary minus: integers overflow at their minimum, numeric has
// no negative zero.
func Negate(t T, d Datum) (Datum, error) {
	switch v := d.(type) {
	case int64:
		return checkIntRange(t, -v, v != math.MinInt64)
	case float64:
		return -v, nil
	case *Decimal:
		return negateNumeric(v), nil
	}
	return nil, pgerror.Newf(pgerror.UndefinedFunction, "operator does not exist: - %s", typeName(t))
}

// DateAddDays is date + integer (date - integer with days negated).
// Infinite dates stay infinite; leaving the date range is 22008.
func DateAddDays(d Date, days int64) (Date, error) {
	if d == DateInfinity || d == DateNegInfinity {
		return d, nil
	}
	r := int64(d) + days
	if !validDate(r) {
		return 0, pgerror.New(pgerror.DatetimeFieldOverflow, "date out of range")
	}
	return Date(r), nil
}

// dateDiff is date - date in days; infinite operands are 22008.
func dateDiff(a, b Date) (Datum, error) {
	if a == DateInfinity || a == DateNegInfinity || b == DateInfinity || b == DateNegInfinity {
		return nil, pgerror.New(pgerror.DatetimeFieldOverflow, "cannot subtract infinite dates")
	}
	return int64(a) - int64(b), nil
}
