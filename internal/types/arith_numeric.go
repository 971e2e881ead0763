package types

import (
	"github.com/cockroachdb/apd/v3"
)

// Limits of numeric division's result scale (NUMERIC_MIN_SIG_DIGITS,
// NUMERIC_MAX_DISPLAY_SCALE).
const (
	numericMinSigDigits    = 16
	numericMaxDisplayScale = 1000
)

// arithNumeric is numeric_add ... numeric_mod: exact except division,
// which rounds half away from zero to selectDivScale digits.
func arithNumeric(op string, a, b *Decimal) (Datum, error) {
	if a.Form != apd.Finite || b.Form != apd.Finite {
		return numericSpecialArith(op, a, b)
	}
	var r *Decimal
	switch op {
	case "+":
		r = addNumeric(a, b, false)
	case "-":
		r = addNumeric(a, b, true)
	case "*":
		r = mulNumeric(a, b)
	case "/":
		if b.Coeff.Sign() == 0 {
			return nil, errDivisionByZero
		}
		r = divNumeric(a, b, selectDivScale(a, b))
	case "%":
		if b.Coeff.Sign() == 0 {
			return nil, errDivisionByZero
		}
		r = modNumeric(a, b)
	default:
		return nil, errNoOperator(op, NumericType)
	}
	if err := checkNumericLimits(r); err != nil {
		return nil, err
	}
	return r, nil
}

// signedCoeff returns d's coefficient with d's sign.
func signedCoeff(d *Decimal) *apd.BigInt {
	c := new(apd.BigInt).Set(&d.Coeff)
	if d.Negative {
		c.Neg(c)
	}
	return c
}

// fromSigned builds a decimal from a signed coefficient.
func fromSigned(c *apd.BigInt, exp int32) *Decimal {
	neg := c.Sign() < 0
	return newDecimal(new(apd.BigInt).Abs(c), neg, exp)
}

// aligned returns both coefficients (signed) scaled to the smaller
// exponent, and that exponent.
func aligned(a, b *Decimal) (x, y *apd.BigInt, exp int32) {
	x, y, exp = signedCoeff(a), signedCoeff(b), min(a.Exponent, b.Exponent)
	x.Mul(x, pow10(int64(a.Exponent-exp)))
	y.Mul(y, pow10(int64(b.Exponent-exp)))
	return x, y, exp
}

func addNumeric(a, b *Decimal, subtract bool) *Decimal {
	x, y, exp := aligned(a, b)
	if subtract {
		return fromSigned(x.Sub(x, y), exp)
	}
	return fromSigned(x.Add(x, y), exp)
}

// mulNumeric is exact (scale s1+s2), rounded only past the maximum scale.
func mulNumeric(a, b *Decimal) *Decimal {
	c := new(apd.BigInt).Mul(&a.Coeff, &b.Coeff)
	r := newDecimal(c, a.Negative != b.Negative, a.Exponent+b.Exponent)
	if numericScale(r) > numericMaxScale {
		r = roundNumeric(r, numericMaxScale)
	}
	return r
}

// divNumeric returns a/b rounded half away from zero to scale digits.
func divNumeric(a, b *Decimal, scale int32) *Decimal {
	num := new(apd.BigInt).Set(&a.Coeff)
	den := new(apd.BigInt).Set(&b.Coeff)
	if k := int64(a.Exponent) - int64(b.Exponent) + int64(scale); k >= 0 {
		num.Mul(num, pow10(k))
	} else {
		den.Mul(den, pow10(-k))
	}
	q, r := new(apd.BigInt), new(apd.BigInt)
	q.QuoRem(num, den, r)
	if r.Add(r, r).Cmp(den) >= 0 {
		q.Add(q, apd.NewBigInt(1))
	}
	return newDecimal(q, a.Negative != b.Negative, -scale)
}

// modNumeric is a - trunc(a/b)*b, exact, with the dividend's sign.
func modNumeric(a, b *Decimal) *Decimal {
	x, y, exp := aligned(a, b)
	return fromSigned(x.Rem(x, y), exp)
}

// selectDivScale is PostgreSQL's select_div_scale: at least 16
// significant digits in the quotient, and no less than either input's
// scale, capped at 1000.
func selectDivScale(a, b *Decimal) int32 {
	w1, d1 := base10000Lead(a)
	w2, d2 := base10000Lead(b)
	qweight := w1 - w2
	if d1 <= d2 {
		qweight--
	}
	scale := int64(numericMinSigDigits) - qweight*4
	scale = max(scale, int64(numericScale(a)), int64(numericScale(b)), 0)
	return int32(min(scale, numericMaxDisplayScale))
}

// base10000Lead returns the weight and value of the first nonzero
// base-10000 digit of d as PostgreSQL stores it (0, 0 for zero).
func base10000Lead(d *Decimal) (weight, digit int64) {
	if d.Coeff.Sign() == 0 {
		return 0, 0
	}
	nd := apd.NumDigits(&d.Coeff)
	lead := nd - 1 + int64(d.Exponent) // power of ten of the leading digit
	weight = floorDiv(lead, 4)
	count := lead - weight*4 + 1 // decimal digits in the leading group
	s := d.Coeff.Text(10)
	for i := int64(0); i < count; i++ {
		digit *= 10
		if i < int64(len(s)) {
			digit += int64(s[i] - '0')
		}
	}
	return weight, digit
}

// numericSpecialArith handles NaN and infinities as PostgreSQL 14+ does.
func numericSpecialArith(op string, a, b *Decimal) (Datum, error) {
	if isNaN(a) || isNaN(b) {
		return decNaN, nil
	}
	switch op {
	case "+":
		return addInfinite(a, b), nil
	case "-":
		return addInfinite(a, negateNumeric(b)), nil
	case "*":
		if a.Form == apd.Finite && a.Coeff.Sign() == 0 || b.Form == apd.Finite && b.Coeff.Sign() == 0 {
			return decNaN, nil
		}
		return infinity(a.Negative != b.Negative), nil
	case "/":
		return divInfinite(a, b)
	case "%":
		return modInfinite(a, b)
	}
	return nil, errNoOperator(op, NumericType)
}

func isNaN(d *Decimal) bool { return d.Form == apd.NaN || d.Form == apd.NaNSignaling }

func infinity(neg bool) *Decimal {
	if neg {
		return decNegInf
	}
	return decPosInf
}

func addInfinite(a, b *Decimal) *Decimal {
	switch {
	case a.Form == apd.Infinite && b.Form == apd.Infinite:
		if a.Negative != b.Negative {
			return decNaN
		}
		return a
	case a.Form == apd.Infinite:
		return a
	}
	return b
}

func divInfinite(a, b *Decimal) (Datum, error) {
	if b.Form == apd.Infinite {
		if a.Form == apd.Infinite {
			return decNaN, nil
		}
		return apd.New(0, 0), nil
	}
	if b.Coeff.Sign() == 0 {
		return nil, errDivisionByZero
	}
	return infinity(a.Negative != b.Negative), nil
}

func modInfinite(a, b *Decimal) (Datum, error) {
	if a.Form == apd.Infinite {
		if b.Form == apd.Finite && b.Coeff.Sign() == 0 {
			return nil, errDivisionByZero
		}
		return decNaN, nil
	}
	return a, nil
}

// negateNumeric returns -d (NaN stays NaN, zero stays unsigned).
func negateNumeric(d *Decimal) *Decimal {
	switch d.Form {
	case apd.Infinite:
		return infinity(!d.Negative)
	case apd.Finite:
		return newDecimal(&d.Coeff, !d.Negative, d.Exponent)
	}
	return d
}
