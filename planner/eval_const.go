package planner

import (
	"github.com/cockroachdb/apd/v3"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
)

// errNotConst marks an expression that folding cannot evaluate.
var errNotConst = pgerror.New(pgerror.FeatureNotSupported, "not a constant expression")

// EvalConst evaluates an expression without column references or
// parameters. It returns errNotConst (ok=false) for expressions it does not
// know how to evaluate on the gateway (functions are left to exec).
func EvalConst(e *execpb.Expr) (d types.Datum, ok bool, err error) {
	d, err = evalConst(e)
	if err == errNotConst {
		return nil, false, nil
	}
	return d, err == nil, err
}

func evalConst(e *execpb.Expr) (types.Datum, error) {
	switch e.Kind {
	case execpb.ExprConst:
		if e.Null {
			return nil, nil
		}
		return types.ParseText(e.Type, e.Text)
	case execpb.ExprOp:
		return evalOp(e)
	case execpb.ExprCast:
		return evalCast(e)
	case execpb.ExprAnd, execpb.ExprOr:
		return evalLogic(e)
	case execpb.ExprNot:
		return evalNot(e)
	case execpb.ExprIsNull, execpb.ExprIsNotNull:
		a, err := evalConst(e.Args[0])
		if err != nil {
			return nil, err
		}
		return (a == nil) == (e.Kind == execpb.ExprIsNull), nil
	case execpb.ExprCoalesce:
		return evalCoalesce(e)
	}
	return nil, errNotConst
}

func evalArgs(e *execpb.Expr) ([]types.Datum, error) {
	out := make([]types.Datum, len(e.Args))
	for i, a := range e.Args {
		d, err := evalConst(a)
		if err != nil {
			return nil, err
		}
		out[i] = d
	}
	return out, nil
}

func evalOp(e *execpb.Expr) (types.Datum, error) {
	args, err := evalArgs(e)
	if err != nil {
		return nil, err
	}
	for _, a := range args {
		if a == nil {
			return nil, nil
		}
	}
	if len(args) == 1 {
		if e.Op != "u-" {
			return nil, errNotConst
		}
		return negate(e.Type, args[0])
	}
	t := e.Args[0].Type
	switch e.Op {
	case "+", "-", "*", "/", "%":
		return types.Arith(e.Op, t, args[0], args[1])
	case "||":
		return types.FormatText(e.Args[0].Type, args[0]) + types.FormatText(e.Args[1].Type, args[1]), nil
	}
	return compareOp(e.Op, t, args[0], args[1])
}

func compareOp(op string, t types.T, a, b types.Datum) (types.Datum, error) {
	c := types.Compare(t, a, b)
	switch op {
	case "=":
		return c == 0, nil
	case "<>":
		return c != 0, nil
	case "<":
		return c < 0, nil
	case "<=":
		return c <= 0, nil
	case ">":
		return c > 0, nil
	case ">=":
		return c >= 0, nil
	}
	return nil, errNotConst
}

func negate(t types.T, d types.Datum) (types.Datum, error) {
	var zero types.Datum
	switch t.Family {
	case types.Int2Family, types.Int4Family, types.Int8Family:
		zero = int64(0)
	case types.Float4Family, types.Float8Family:
		zero = float64(0)
	case types.NumericFamily:
		zero = apd.New(0, 0)
	default:
		return nil, errNotConst
	}
	return types.Arith("-", t, zero, d)
}

func evalCast(e *execpb.Expr) (types.Datum, error) {
	a, err := evalConst(e.Args[0])
	if err != nil || a == nil {
		return nil, err
	}
	loc, err := types.LoadZoneSpec(e.Op)
	if err != nil {
		return nil, err
	}
	return types.CastIn(a, e.Args[0].Type, e.Type, loc)
}

func evalLogic(e *execpb.Expr) (types.Datum, error) {
	args, err := evalArgs(e)
	if err != nil {
		return nil, err
	}
	short := e.Kind == execpb.ExprOr // the value that decides the result
	sawNull := false
	for _, a := range args {
		if a == nil {
			sawNull = true
		} else if a.(bool) == short {
			return short, nil
		}
	}
	if sawNull {
		return nil, nil
	}
	return !short, nil
}

func evalNot(e *execpb.Expr) (types.Datum, error) {
	a, err := evalConst(e.Args[0])
	if err != nil || a == nil {
		return nil, err
	}
	return !a.(bool), nil
}

func evalCoalesce(e *execpb.Expr) (types.Datum, error) {
	for _, arg := range e.Args {
		d, err := evalConst(arg)
		if err != nil || d != nil {
			return d, err
		}
	}
	return nil, nil
}
