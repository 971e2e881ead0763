package exec

import (
	"github.com/cockroachdb/apd/v3"
	"github.com/quiverdb/quiver/internal/pgerror"
)

// PostgreSQL's numeric display limits (numeric.c).
const (
	numericMinSigDigits   = 16
	numericMaxDisplayScal = 1000
)

// numericWeight returns d's weight and leading digit in PostgreSQL's base
// 10000 representation (0, 0 for zero).
func numericWeight(d *apd.Decimal) (weight int, first int) {
	if d.IsZero() {
		return 0, 0
	}
	digits := d.Coeff.String()
	e10 := len(digits) - 1 + int(d.Exponent)
	weight = floorDiv(e10, 4)
	n := e10 - 4*weight + 1 // digits in the leading base-10000 group
	for i := 0; i < n; i++ {
		first *= 10
		if i < len(digits) {
			first += int(digits[i] - '0')
		}
	}
	return weight, first
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// dscale is d's display scale: digits after the decimal point.
func dscale(d *apd.Decimal) int {
	if d.Exponent >= 0 {
		return 0
	}
	return int(-d.Exponent)
}

// roundScale rounds d half away from zero to scale digits after the
// point (scale may be negative); the result has exponent -scale, or 0
// when scale is negative.
func roundScale(d *apd.Decimal, scale int) (*apd.Decimal, error) {
	ctx := apd.BaseContext.WithPrecision(1000)
	ctx.Rounding = apd.RoundHalfUp
	out := new(apd.Decimal)
	if _, err := ctx.Quantize(out, d, int32(-scale)); err != nil {
		return nil, pgerror.Wrapf(err, pgerror.NumericValueOutOfRange, "numeric rounding")
	}
	if scale < 0 {
		if _, err := ctx.Quantize(out, out, 0); err != nil {
			return nil, pgerror.Wrapf(err, pgerror.NumericValueOutOfRange, "numeric rounding")
		}
	}
	if out.IsZero() {
		out.Negative = false
	}
	return out, nil
}
