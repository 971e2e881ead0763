package execpb

import "github.com/quiverdb/quiver/internal/types"

// ExprKind says what an Expr computes.
type ExprKind uint8

// Expression kinds. Args are evaluated left to right; NULL propagation is
// SQL's unless a kind says otherwise.
const (
	// ExprConst is a constant: Null, or Text parsed as Type.
	ExprConst ExprKind = iota
	// ExprColumn reads column Col of the operator's input.
	ExprColumn
	// ExprParam is placeholder $Param (1-based); the gateway substitutes
	// parameters with constants before a fragment leaves it.
	ExprParam
	// ExprOp is a binary or unary operator named by Op over Args, already
	// resolved: all arithmetic operands have the same type (the binder adds
	// casts). Op is one of + - * / % (binary), "u-" (negation), = <> < <=
	// > >= (comparison, result bool), || (text concatenation), LIKE, NOT
	// LIKE, ILIKE, NOT ILIKE.
	ExprOp
	// ExprAnd, ExprOr, ExprNot: three-valued logic over bool Args.
	ExprAnd
	ExprOr
	ExprNot
	// ExprIsNull and ExprIsNotNull: never NULL.
	ExprIsNull
	ExprIsNotNull
	// ExprIsTrue etc. are IS [NOT] TRUE/FALSE: never NULL. Op holds
	// "true", "not true", "false" or "not false".
	ExprIsBool
	// ExprIn: Args[0] IN (Args[1:]...), SQL's NULL semantics; Op "not in"
	// negates.
	ExprIn
	// ExprCast casts Args[0] to Type. A cast between timestamptz and
	// wall-clock time (timestamp, date, text) runs in the time zone that
	// Op names (types.ZoneSpec; empty is UTC).
	ExprCast
	// ExprCase: Args are WHEN/THEN pairs, then an ELSE when len(Args) is
	// odd (absent ELSE is NULL). A CASE with an operand is rewritten by the
	// binder into comparisons.
	ExprCase
	// ExprCoalesce returns the first non-NULL Arg.
	ExprCoalesce
	// ExprNullIf returns NULL if Args[0] = Args[1], else Args[0].
	ExprNullIf
	// ExprFunc calls the scalar function Op (lower case PostgreSQL name,
	// e.g. "abs", "lower", "length") with Args.
	ExprFunc
)

// Expr is a typed scalar expression.
type Expr struct {
	Kind ExprKind
	// Type is the result type.
	Type types.T
	// Op names the operator or function (see ExprKind).
	Op string
	// Col is the input column of an ExprColumn.
	Col int
	// Param is the 1-based placeholder number of an ExprParam.
	Param int
	// Null and Text are an ExprConst's value: NULL, or Text in Type's
	// PostgreSQL text format.
	Null bool
	Text string
	Args []*Expr
}
