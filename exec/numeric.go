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

// divScale is PostgreSQL's select_div_scale.
func divScale(a, b *apd.Decimal) int {
	w1, f1 := numericWeight(a)
	w2, f2 := numericWeight(b)
	qweight := w1 - w2
	if f1 <= f2 {
		qweight--
	}
	rscale := numericMinSigDigits - qweight*4
	rscale = max(rscale, dscale(a), dscale(b), 0)
	return min(rscale, numericMaxDisplayScal)
}

// numericDiv divides as PostgreSQL's numeric_div does: the quotient
// rounded (half away from zero) to select_div_scale digits.
func numericDiv(a, b *apd.Decimal) (*apd.Decimal, error) {
	if b.IsZero() {
		return nil, errDivByZero
	}
	return numericQuoScale(a, b, divScale(a, b))
}

// numericQuoScale returns a/b rounded half away from zero to scale digits.
func numericQuoScale(a, b *apd.Decimal, scale int) (*apd.Decimal, error) {
	w1, _ := numericWeight(a)
	w2, _ := numericWeight(b)
	intDigits := max((w1-w2+2)*4, 1)
	ctx := apd.BaseContext.WithPrecision(uint32(intDigits + scale + 8))
	ctx.Rounding = apd.RoundDown
	var q apd.Decimal
	if _, err := ctx.Quo(&q, a, b); err != nil {
		return nil, pgerror.Wrapf(err, pgerror.NumericValueOutOfRange, "numeric division")
	}
	return roundScale(&q, scale)
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
