package exec

import (
	"strings"
	"unicode/utf8"

	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
)

// funcImpl builds the per-row function of a scalar function call given
// its argument types and result type.
type funcImpl func(args []types.T, ret types.T) (rowFunc, error)

// scalarFuncs are the functions that ignore no NULLs: a NULL argument
// gives NULL.
var scalarFuncs = map[string]funcImpl{
	"abs":         mathFunc1(absDatum),
	"lower":       strFunc1(strings.ToLower),
	"upper":       strFunc1(strings.ToUpper),
	"length":      lengthFunc,
	"char_length": lengthFunc,
	"substr":      substrFunc,
	"substring":   substrFunc,
	"btrim":       trimFunc(true, true),
	"trim":        trimFunc(true, true),
	"ltrim":       trimFunc(true, false),
	"rtrim":       trimFunc(false, true),
	"round":       roundFunc,
	"trunc":       truncFunc,
	"floor":       mathFunc1(floorDatum),
	"ceil":        mathFunc1(ceilDatum),
	"ceiling":     mathFunc1(ceilDatum),
	"sqrt":        mathFunc1(sqrtDatum),
	"power":       powerFunc,
	"pow":         powerFunc,
	"mod":         modFunc,
	"sign":        mathFunc1(signDatum),
	"replace":     replaceFunc,
	"position":    strposFunc,
	"strpos":      strposFunc,
	"left":        leftRightFunc(true),
	"right":       leftRightFunc(false),
	"extract":     extractFunc(true),
	"date_part":   extractFunc(false),
	"date_trunc":  dateTruncFunc,
}

// lenientFuncs handle NULL arguments themselves.
var lenientFuncs = map[string]funcImpl{
	"concat":   concatFunc,
	"greatest": extremeFunc(1),
	"least":    extremeFunc(-1),
}

func compileFunc(e *execpb.Expr, args []evaluator) (evaluator, error) {
	ts := argTypes(args)
	if impl, ok := scalarFuncs[e.Op]; ok {
		f, err := impl(ts, e.Type)
		if err != nil {
			return nil, err
		}
		return &rowExpr{t: e.Type, args: args, strict: true, f: f}, nil
	}
	if impl, ok := lenientFuncs[e.Op]; ok {
		f, err := impl(ts, e.Type)
		if err != nil {
			return nil, err
		}
		return &rowExpr{t: e.Type, args: args, f: f}, nil
	}
	return nil, pgerror.Newf(pgerror.UndefinedFunction, "function %s does not exist", e.Op)
}

func wantArgs(name string, args []types.T, lo, hi int) error {
	if len(args) < lo || len(args) > hi {
		return pgerror.Newf(pgerror.UndefinedFunction, "function %s with %d arguments does not exist", name, len(args))
	}
	return nil
}

func strFunc1(f func(string) string) funcImpl {
	return func(args []types.T, _ types.T) (rowFunc, error) {
		if err := wantArgs("string function", args, 1, 1); err != nil {
			return nil, err
		}
		return func(ds []types.Datum) (types.Datum, error) {
			return f(datumText(args[0], ds[0])), nil
		}, nil
	}
}

func lengthFunc(args []types.T, _ types.T) (rowFunc, error) {
	if err := wantArgs("length", args, 1, 1); err != nil {
		return nil, err
	}
	return func(ds []types.Datum) (types.Datum, error) {
		return int64(utf8.RuneCountInString(datumText(args[0], ds[0]))), nil
	}, nil
}

// substrFunc is substr(s, from [, count]) with PostgreSQL's clamping.
func substrFunc(args []types.T, _ types.T) (rowFunc, error) {
	if err := wantArgs("substr", args, 2, 3); err != nil {
		return nil, err
	}
	return func(ds []types.Datum) (types.Datum, error) {
		rs := []rune(datumText(args[0], ds[0]))
		from, _ := ds[1].(int64)
		end := int64(len(rs)) + 1
		if len(ds) == 3 {
			n, _ := ds[2].(int64)
			if n < 0 {
				return nil, pgerror.New("22011", "negative substring length not allowed")
			}
			end = min(end, from+n)
		}
		from = max(from, 1)
		if from >= end {
			return "", nil
		}
		return string(rs[from-1 : end-1]), nil
	}, nil
}

func trimFunc(left, right bool) funcImpl {
	return func(args []types.T, _ types.T) (rowFunc, error) {
		if err := wantArgs("trim", args, 1, 2); err != nil {
			return nil, err
		}
		return func(ds []types.Datum) (types.Datum, error) {
			s, cut := datumText(args[0], ds[0]), " "
			if len(ds) == 2 {
				cut = datumText(args[1], ds[1])
			}
			if left {
				s = strings.TrimLeft(s, cut)
			}
			if right {
				s = strings.TrimRight(s, cut)
			}
			return s, nil
		}, nil
	}
}

func replaceFunc(args []types.T, _ types.T) (rowFunc, error) {
	if err := wantArgs("replace", args, 3, 3); err != nil {
		return nil, err
	}
	return func(ds []types.Datum) (types.Datum, error) {
		s, from := datumText(args[0], ds[0]), datumText(args[1], ds[1])
		if from == "" {
			return s, nil
		}
		return strings.ReplaceAll(s, from, datumText(args[2], ds[2])), nil
	}, nil
}

// strposFunc is strpos(s, sub) (and position(sub IN s), which the parser
// passes as (s, sub)): the 1-based character index, 0 if absent.
func strposFunc(args []types.T, _ types.T) (rowFunc, error) {
	if err := wantArgs("strpos", args, 2, 2); err != nil {
		return nil, err
	}
	return func(ds []types.Datum) (types.Datum, error) {
		s, sub := datumText(args[0], ds[0]), datumText(args[1], ds[1])
		i := strings.Index(s, sub)
		if i < 0 {
			return int64(0), nil
		}
		return int64(utf8.RuneCountInString(s[:i]) + 1), nil
	}, nil
}

// leftRightFunc is left(s, n) / right(s, n); a negative n drops |n|
// characters from the other end.
func leftRightFunc(left bool) funcImpl {
	return func(args []types.T, _ types.T) (rowFunc, error) {
		if err := wantArgs("left", args, 2, 2); err != nil {
			return nil, err
		}
		return func(ds []types.Datum) (types.Datum, error) {
			rs := []rune(datumText(args[0], ds[0]))
			n, _ := ds[1].(int64)
			l := int64(len(rs))
			if n < 0 {
				n = max(l+n, 0)
			}
			n = min(n, l)
			if left {
				return string(rs[:n]), nil
			}
			return string(rs[l-n:]), nil
		}, nil
	}
}

// concatFunc is concat(...): NULLs are skipped.
func concatFunc(args []types.T, _ types.T) (rowFunc, error) {
	return func(ds []types.Datum) (types.Datum, error) {
		var sb strings.Builder
		for i, d := range ds {
			if d != nil {
				sb.WriteString(datumText(args[i], d))
			}
		}
		return sb.String(), nil
	}, nil
}

// extremeFunc is greatest (sign 1) or least (sign -1): NULLs are skipped.
func extremeFunc(sign int) funcImpl {
	return func(args []types.T, ret types.T) (rowFunc, error) {
		return func(ds []types.Datum) (types.Datum, error) {
			var best types.Datum
			for i, d := range ds {
				if d == nil {
					continue
				}
				if args[i] != ret {
					var err error
					if d, err = types.Cast(d, args[i], ret); err != nil {
						return nil, err
					}
				}
				if best == nil || types.Compare(ret, d, best)*sign > 0 {
					best = d
				}
			}
			return best, nil
		}, nil
	}
}
