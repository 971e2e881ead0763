package exec

import (
	"math"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
)

// compileOp compiles an ExprOp.
func compileOp(e *execpb.Expr, args []evaluator) (evaluator, error) {
	switch e.Op {
	case "+", "-", "*", "/", "%":
		if len(args) != 2 {
			return nil, pgerror.AssertionFailedf("operator %s needs 2 arguments", e.Op)
		}
		return newArithExpr(e.Op, e.Type, args[0], args[1]), nil
	case "u-":
		if len(args) != 1 {
			return nil, pgerror.AssertionFailedf("unary minus needs 1 argument")
		}
		return newNegExpr(e.Type, args[0]), nil
	case "=", "<>", "!=", "<", "<=", ">", ">=":
		if len(args) != 2 {
			return nil, pgerror.AssertionFailedf("operator %s needs 2 arguments", e.Op)
		}
		return newCompareExpr(parseCmpOp(e.Op), args[0], args[1]), nil
	case "||":
		return newConcatOpExpr(e.Type, args), nil
	case "LIKE", "NOT LIKE", "ILIKE", "NOT ILIKE", "like", "not like", "ilike", "not ilike":
		return newLikeExpr(e.Op, args)
	}
	return nil, pgerror.Newf(pgerror.UndefinedFunction, "operator does not exist: %s", e.Op)
}

// outOfRange is the 22003 error of an integer type.
func outOfRange(t types.T) error {
	switch t.Family {
	case types.Int2Family:
		return pgerror.New(pgerror.NumericValueOutOfRange, "smallint out of range")
	case types.Int4Family:
		return pgerror.New(pgerror.NumericValueOutOfRange, "integer out of range")
	case types.Int8Family:
		return pgerror.New(pgerror.NumericValueOutOfRange, "bigint out of range")
	}
	return pgerror.New(pgerror.NumericValueOutOfRange, "value out of range: overflow")
}

var (
	errDivByZero      = pgerror.New(pgerror.DivisionByZero, "division by zero")
	errFloatOverflow  = pgerror.New(pgerror.NumericValueOutOfRange, "value out of range: overflow")
	errFloatUnderflow = pgerror.New(pgerror.NumericValueOutOfRange, "value out of range: underflow")
)

func newArithExpr(op string, t types.T, l, r evaluator) evaluator {
	if l.typ().Family == t.Family && r.typ().Family == t.Family {
		switch t.Family {
		case types.Int2Family:
			return &intArithExpr[int16]{t: t, op: op[0], l: l, r: r}
		case types.Int4Family:
			return &intArithExpr[int32]{t: t, op: op[0], l: l, r: r}
		case types.Int8Family:
			return &intArithExpr[int64]{t: t, op: op[0], l: l, r: r}
		case types.Float4Family:
			if op != "%" {
				return &floatArithExpr[float32]{t: t, op: op[0], l: l, r: r}
			}
		case types.Float8Family:
			if op != "%" {
				return &floatArithExpr[float64]{t: t, op: op[0], l: l, r: r}
			}
		}
	}
	at := l.typ()
	return &rowExpr{t: t, args: []evaluator{l, r}, strict: true, f: func(ds []types.Datum) (types.Datum, error) {
		return types.Arith(op, at, ds[0], ds[1])
	}}
}

// evalPair evaluates two operands.
func evalPair(c *evalCtx, rec arrow.Record, sel []bool, l, r evaluator) (arrow.Array, arrow.Array, error) {
	la, err := l.eval(c, rec, sel)
	if err != nil {
		return nil, nil, err
	}
	ra, err := r.eval(c, rec, sel)
	if err != nil {
		la.Release()
		return nil, nil, err
	}
	return la, ra, nil
}

type signed interface{ int16 | int32 | int64 }

// intArithExpr is integer arithmetic over two columns of the same type.
type intArithExpr[T signed] struct {
	t    types.T
	op   byte
	l, r evaluator
}

func (e *intArithExpr[T]) typ() types.T { return e.t }

func (e *intArithExpr[T]) eval(c *evalCtx, rec arrow.Record, sel []bool) (arrow.Array, error) {
	la, ra, err := evalPair(c, rec, sel, e.l, e.r)
	if err != nil {
		return nil, err
	}
	defer la.Release()
	defer ra.Release()
	n := int(rec.NumRows())
	if la.NullN() == n || ra.NullN() == n {
		return array.MakeArrayOfNull(c.alloc, e.t.ArrowType(), n), nil
	}
	b := newFixedBuilder[T](c.alloc, e.t.ArrowType(), n)
	b.valid, b.nulls = andValidity(c.alloc, n, la, ra)
	a, bv := valuesOf[T](la), valuesOf[T](ra)
	for i := range b.vals {
		if !validAt(b.valid, i) || (sel != nil && !sel[i]) {
			continue
		}
		v, ok := intOp(e.op, a[i], bv[i])
		if !ok {
			b.finish().Release()
			if bv[i] == 0 && (e.op == '/' || e.op == '%') {
				return nil, errDivByZero
			}
			return nil, outOfRange(e.t)
		}
		b.vals[i] = v
	}
	return b.finish(), nil
}

// intOp applies op with PostgreSQL's semantics; ok is false on overflow
// or division by zero.
func intOp[T signed](op byte, a, b T) (T, bool) {
	switch op {
	case '+':
		r := a + b
		return r, (a^r)&(b^r) >= 0
	case '-':
		r := a - b
		return r, (a^b)&(a^r) >= 0
	case '*':
		r := a * b
		return r, a == 0 || (r/a == b && !(a == -1 && b < 0 && r < 0))
	case '/':
		if b == 0 || (b == -1 && a != 0 && -a == a) {
			return 0, false
		}
		return a / b, true
	case '%':
		if b == 0 {
			return 0, false
		}
		if b == -1 {
			return 0, true
		}
		return a % b, true
	}
	return 0, false
}

// floatArithExpr is float arithmetic over two columns of the same type.
type floatArithExpr[T float32 | float64] struct {
	t    types.T
	op   byte
	l, r evaluator
}

func (e *floatArithExpr[T]) typ() types.T { return e.t }

func (e *floatArithExpr[T]) eval(c *evalCtx, rec arrow.Record, sel []bool) (arrow.Array, error) {
	la, ra, err := evalPair(c, rec, sel, e.l, e.r)
	if err != nil {
		return nil, err
	}
	defer la.Release()
	defer ra.Release()
	n := int(rec.NumRows())
	if la.NullN() == n || ra.NullN() == n {
		return array.MakeArrayOfNull(c.alloc, e.t.ArrowType(), n), nil
	}
	b := newFixedBuilder[T](c.alloc, e.t.ArrowType(), n)
	b.valid, b.nulls = andValidity(c.alloc, n, la, ra)
	a, bv := valuesOf[T](la), valuesOf[T](ra)
	for i := range b.vals {
		if !validAt(b.valid, i) || (sel != nil && !sel[i]) {
			continue
		}
		v, err := floatOp(e.op, a[i], bv[i])
		if err != nil {
			b.finish().Release()
			return nil, err
		}
		b.vals[i] = v
	}
	return b.finish(), nil
}

func isInf[T float32 | float64](v T) bool { return math.IsInf(float64(v), 0) }

// floatOp applies op with PostgreSQL's float overflow checks.
func floatOp[T float32 | float64](op byte, a, b T) (T, error) {
	var r T
	switch op {
	case '+':
		r = a + b
	case '-':
		r = a - b
	case '*':
		r = a * b
		if r == 0 && a != 0 && b != 0 {
			return 0, errFloatUnderflow
		}
	case '/':
		if b == 0 && !math.IsNaN(float64(a)) {
			return 0, errDivByZero
		}
		r = a / b
		if isInf(r) && !isInf(a) {
			return 0, errFloatOverflow
		}
		if r == 0 && a != 0 && !isInf(b) {
			return 0, errFloatUnderflow
		}
		return r, nil
	}
	if isInf(r) && !isInf(a) && !isInf(b) {
		return 0, errFloatOverflow
	}
	return r, nil
}

// newNegExpr compiles unary minus.
func newNegExpr(t types.T, a evaluator) evaluator {
	switch t.Family {
	case types.Int2Family:
		return &negExpr[int16]{t: t, a: a}
	case types.Int4Family:
		return &negExpr[int32]{t: t, a: a}
	case types.Int8Family:
		return &negExpr[int64]{t: t, a: a}
	case types.Float4Family:
		return &negExpr[float32]{t: t, a: a}
	case types.Float8Family:
		return &negExpr[float64]{t: t, a: a}
	}
	return &rowExpr{t: t, args: []evaluator{a}, strict: true, f: func(ds []types.Datum) (types.Datum, error) {
		return types.Negate(t, ds[0])
	}}
}

type negExpr[T fixed] struct {
	t types.T
	a evaluator
}

func (e *negExpr[T]) typ() types.T { return e.t }

func (e *negExpr[T]) eval(c *evalCtx, rec arrow.Record, sel []bool) (arrow.Array, error) {
	arr, err := e.a.eval(c, rec, sel)
	if err != nil {
		return nil, err
	}
	defer arr.Release()
	n := int(rec.NumRows())
	if arr.NullN() == n {
		return array.MakeArrayOfNull(c.alloc, e.t.ArrowType(), n), nil
	}
	b := newFixedBuilder[T](c.alloc, e.t.ArrowType(), n)
	b.valid, b.nulls = andValidity(c.alloc, n, arr)
	src := valuesOf[T](arr)
	isInt := e.t.IsInteger()
	for i, v := range src {
		r := -v
		if isInt && r == v && v != 0 && validAt(b.valid, i) && (sel == nil || sel[i]) {
			b.finish().Release()
			return nil, outOfRange(e.t)
		}
		b.vals[i] = r
	}
	return b.finish(), nil
}
