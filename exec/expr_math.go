package exec

import (
	"math"

	"github.com/cockroachdb/apd/v3"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
)

// datumFunc is a one-argument numeric function of a datum of type t.
type datumFunc func(t types.T, d types.Datum) (types.Datum, error)

func mathFunc1(f datumFunc) funcImpl {
	return func(args []types.T, _ types.T) (rowFunc, error) {
		if err := wantArgs("math function", args, 1, 1); err != nil {
			return nil, err
		}
		return func(ds []types.Datum) (types.Datum, error) { return f(args[0], ds[0]) }, nil
	}
}

const errInvalidPower = "2201F"

func intBounds(t types.T) (int64, int64) {
	switch t.Family {
	case types.Int2Family:
		return math.MinInt16, math.MaxInt16
	case types.Int4Family:
		return math.MinInt32, math.MaxInt32
	}
	return math.MinInt64, math.MaxInt64
}

func absDatum(t types.T, d types.Datum) (types.Datum, error) {
	switch v := d.(type) {
	case int64:
		if lo, _ := intBounds(t); v == lo {
			return nil, outOfRange(t)
		}
		if v < 0 {
			return -v, nil
		}
		return v, nil
	case float64:
		return math.Abs(v), nil
	case *apd.Decimal:
		return new(apd.Decimal).Abs(v), nil
	}
	return nil, badArg("abs", t)
}

func badArg(name string, t types.T) error {
	return pgerror.Newf(pgerror.UndefinedFunction, "function %s(%s) does not exist", name, t)
}

func floorDatum(t types.T, d types.Datum) (types.Datum, error) {
	switch v := d.(type) {
	case int64:
		return v, nil
	case float64:
		return math.Floor(v), nil
	case *apd.Decimal:
		out := new(apd.Decimal)
		if _, err := apd.BaseContext.WithPrecision(1000).Floor(out, v); err != nil {
			return nil, pgerror.Wrapf(err, pgerror.NumericValueOutOfRange, "floor")
		}
		return roundScale(out, 0)
	}
	return nil, badArg("floor", t)
}

func ceilDatum(t types.T, d types.Datum) (types.Datum, error) {
	switch v := d.(type) {
	case int64:
		return v, nil
	case float64:
		return math.Ceil(v), nil
	case *apd.Decimal:
		out := new(apd.Decimal)
		if _, err := apd.BaseContext.WithPrecision(1000).Ceil(out, v); err != nil {
			return nil, pgerror.Wrapf(err, pgerror.NumericValueOutOfRange, "ceil")
		}
		return roundScale(out, 0)
	}
	return nil, badArg("ceil", t)
}

func signDatum(t types.T, d types.Datum) (types.Datum, error) {
	switch v := d.(type) {
	case int64:
		return int64(cmpInt(v, 0)), nil
	case float64:
		switch {
		case v > 0:
			return 1.0, nil
		case v < 0:
			return -1.0, nil
		}
		return 0.0, nil
	case *apd.Decimal:
		return apd.New(int64(v.Sign()), 0), nil
	}
	return nil, badArg("sign", t)
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

var errNegSqrt = pgerror.New(errInvalidPower, "cannot take square root of a negative number")

func sqrtDatum(t types.T, d types.Datum) (types.Datum, error) {
	switch v := d.(type) {
	case float64:
		if v < 0 {
			return nil, errNegSqrt
		}
		return math.Sqrt(v), nil
	case *apd.Decimal:
		if v.Negative && !v.IsZero() {
			return nil, errNegSqrt
		}
		w, _ := numericWeight(v)
		rscale := max(numericMinSigDigits-((w+1)*4/2-1), dscale(v), 0)
		out := new(apd.Decimal)
		if _, err := apd.BaseContext.WithPrecision(uint32(rscale+(w+1)*4+8)).Sqrt(out, v); err != nil {
			return nil, pgerror.Wrapf(err, pgerror.NumericValueOutOfRange, "sqrt")
		}
		return roundScale(out, rscale)
	}
	return nil, badArg("sqrt", t)
}

// roundFunc is round(x) and round(numeric, scale).
func roundFunc(args []types.T, _ types.T) (rowFunc, error) {
	return roundingFunc("round", args, apd.RoundHalfUp, math.RoundToEven)
}

// truncFunc is trunc(x) and trunc(numeric, scale).
func truncFunc(args []types.T, _ types.T) (rowFunc, error) {
	return roundingFunc("trunc", args, apd.RoundDown, math.Trunc)
}

func roundingFunc(name string, args []types.T, mode apd.Rounder, ff func(float64) float64) (rowFunc, error) {
	if err := wantArgs(name, args, 1, 2); err != nil {
		return nil, err
	}
	return func(ds []types.Datum) (types.Datum, error) {
		scale := int64(0)
		if len(ds) == 2 {
			scale, _ = ds[1].(int64)
		}
		switch v := ds[0].(type) {
		case float64:
			return ff(v), nil
		case int64:
			return v, nil
		case *apd.Decimal:
			return roundMode(v, int(max(min(scale, 1000), -1000)), mode)
		}
		return nil, badArg(name, args[0])
	}, nil
}

func roundMode(d *apd.Decimal, scale int, mode apd.Rounder) (*apd.Decimal, error) {
	if mode == apd.RoundHalfUp {
		return roundScale(d, scale)
	}
	ctx := apd.BaseContext.WithPrecision(1000)
	ctx.Rounding = mode
	out := new(apd.Decimal)
	if _, err := ctx.Quantize(out, d, int32(-scale)); err != nil {
		return nil, pgerror.Wrapf(err, pgerror.NumericValueOutOfRange, "trunc")
	}
	if scale < 0 {
		_, _ = ctx.Quantize(out, out, 0)
	}
	return out, nil
}

func powerFunc(args []types.T, _ types.T) (rowFunc, error) {
	if err := wantArgs("power", args, 2, 2); err != nil {
		return nil, err
	}
	return func(ds []types.Datum) (types.Datum, error) {
		switch a := ds[0].(type) {
		case float64:
			b, _ := ds[1].(float64)
			return powFloat(a, b)
		case *apd.Decimal:
			b, _ := ds[1].(*apd.Decimal)
			if b == nil {
				return nil, badArg("power", args[1])
			}
			return powNumeric(a, b)
		}
		return nil, badArg("power", args[0])
	}, nil
}

func powFloat(a, b float64) (types.Datum, error) {
	if a == 0 && b < 0 {
		return nil, pgerror.New(errInvalidPower, "zero raised to a negative power is undefined")
	}
	if a < 0 && b != math.Trunc(b) {
		return nil, pgerror.New(errInvalidPower, "a negative number raised to a non-integer power yields a complex result")
	}
	r := math.Pow(a, b)
	if math.IsInf(r, 0) && !math.IsInf(a, 0) && !math.IsInf(b, 0) {
		return nil, errFloatOverflow
	}
	return r, nil
}

func powNumeric(a, b *apd.Decimal) (types.Datum, error) {
	if a.IsZero() && b.Negative {
		return nil, pgerror.New(errInvalidPower, "zero raised to a negative power is undefined")
	}
	ctx := apd.BaseContext.WithPrecision(60)
	out := new(apd.Decimal)
	if _, err := ctx.Pow(out, a, b); err != nil {
		if a.Negative {
			return nil, pgerror.New(errInvalidPower, "a negative number raised to a non-integer power yields a complex result")
		}
		return nil, pgerror.Wrapf(err, pgerror.NumericValueOutOfRange, "power")
	}
	w, _ := numericWeight(out)
	rscale := max(numericMinSigDigits-w*4, dscale(a), dscale(b), 0)
	return roundScale(out, min(rscale, numericMaxDisplayScal))
}

func modFunc(args []types.T, _ types.T) (rowFunc, error) {
	if err := wantArgs("mod", args, 2, 2); err != nil {
		return nil, err
	}
	t := args[0]
	return func(ds []types.Datum) (types.Datum, error) {
		a, aok := ds[0].(int64)
		b, bok := ds[1].(int64)
		if aok && bok {
			if b == 0 {
				return nil, errDivByZero
			}
			v, _ := intOp('%', a, b)
			return v, nil
		}
		return types.Arith("%", t, ds[0], ds[1])
	}, nil
}
