package types

import (
	"fmt"

	"github.com/cockroachdb/apd/v3"
	"github.com/quiverdb/quiver/internal/pgerror"
)

// PostgreSQL's limits on numeric values: digits before the decimal point
// and display scale.
const (
	numericMaxIntDigits = 131072
	numericMaxScale     = 16383
)

// Special numeric values. They are shared and must never be mutated.
var (
	decNaN    = &Decimal{Form: apd.NaN}
	decPosInf = &Decimal{Form: apd.Infinite}
	decNegInf = &Decimal{Form: apd.Infinite, Negative: true}
)

// newDecimal builds a finite decimal coeff*10^exp (coeff >= 0), never a
// negative zero.
func newDecimal(coeff *apd.BigInt, neg bool, exp int32) *Decimal {
	d := &Decimal{Exponent: exp}
	d.Coeff.Set(coeff)
	d.Negative = neg && coeff.Sign() != 0
	return d
}

var pow10Cache = func() [40]apd.BigInt {
	var c [40]apd.BigInt
	c[0].SetInt64(1)
	ten := apd.NewBigInt(10)
	for i := 1; i < len(c); i++ {
		c[i].Mul(&c[i-1], ten)
	}
	return c
}()

// pow10 returns 10^n for n >= 0. The result must not be mutated.
func pow10(n int64) *apd.BigInt {
	if n < int64(len(pow10Cache)) {
		return &pow10Cache[n]
	}
	return new(apd.BigInt).Exp(apd.NewBigInt(10), apd.NewBigInt(n), nil)
}

// numericScale returns the display scale of a finite decimal.
func numericScale(d *Decimal) int32 {
	if d.Exponent < 0 {
		return -d.Exponent
	}
	return 0
}

// intDigits returns how many digits d has before the decimal point (0 for
// |d| < 1).
func intDigits(d *Decimal) int64 {
	if d.Coeff.Sign() == 0 {
		return 0
	}
	n := apd.NumDigits(&d.Coeff) + int64(d.Exponent)
	if n < 0 {
		return 0
	}
	return n
}

// roundNumeric returns finite d rounded half away from zero to scale
// digits after the decimal point (scale may be negative); the result's
// exponent is exactly -scale.
func roundNumeric(d *Decimal, scale int32) *Decimal {
	shift := int64(d.Exponent) + int64(scale)
	if shift >= 0 {
		c := new(apd.BigInt).Mul(&d.Coeff, pow10(shift))
		return newDecimal(c, d.Negative, -scale)
	}
	div := pow10(-shift)
	q, r := new(apd.BigInt), new(apd.BigInt)
	q.QuoRem(&d.Coeff, div, r)
	r.Add(r, r)
	if r.Cmp(div) >= 0 {
		q.Add(q, apd.NewBigInt(1))
	}
	return newDecimal(q, d.Negative, -scale)
}

// applyNumericTypmod rounds d to t's numeric(p,s) and checks that it fits.
func applyNumericTypmod(d *Decimal, t T) (*Decimal, error) {
	if t.Precision <= 0 || d.Form == apd.NaN {
		return d, nil
	}
	if d.Form == apd.Infinite {
		return nil, pgerror.WithDetail(
			pgerror.New(pgerror.NumericValueOutOfRange, "numeric field overflow"),
			fmt.Sprintf("A field with precision %d, scale %d cannot hold an infinite value.", t.Precision, t.Scale))
	}
	r := roundNumeric(d, t.Scale)
	if maxDigits := int64(t.Precision - t.Scale); r.Coeff.Sign() != 0 && apd.NumDigits(&r.Coeff)+int64(r.Exponent) > maxDigits {
		return nil, errNumericFieldOverflow(t, maxDigits)
	}
	return r, nil
}

func errNumericFieldOverflow(t T, maxDigits int64) error {
	limit := "1"
	if maxDigits != 0 {
		limit = fmt.Sprintf("10^%d", maxDigits)
	}
	return pgerror.WithDetail(
		pgerror.New(pgerror.NumericValueOutOfRange, "numeric field overflow"),
		fmt.Sprintf("A field with precision %d, scale %d must round to an absolute value less than %s.",
			t.Precision, t.Scale, limit))
}

// checkNumericLimits rejects finite values outside PostgreSQL's numeric
// storage format.
func checkNumericLimits(d *Decimal) error {
	if d.Form != apd.Finite {
		return nil
	}
	if intDigits(d) > numericMaxIntDigits || numericScale(d) > numericMaxScale {
		return errNumericFormat
	}
	return nil
}

// appendNumeric writes d in plain notation keeping its scale (1.50 stays
// 1.50): numeric_out.
func appendNumeric(buf []byte, d *Decimal) []byte {
	switch d.Form {
	case apd.NaN, apd.NaNSignaling:
		return append(buf, "NaN"...)
	case apd.Infinite:
		if d.Negative {
			return append(buf, "-Infinity"...)
		}
		return append(buf, "Infinity"...)
	}
	if d.Negative && d.Coeff.Sign() != 0 {
		buf = append(buf, '-')
	}
	start := len(buf)
	buf = d.Coeff.Append(buf, 10)
	if d.Exponent >= 0 {
		if d.Coeff.Sign() == 0 {
			return buf
		}
		for i := int32(0); i < d.Exponent; i++ {
			buf = append(buf, '0')
		}
		return buf
	}
	return insertPoint(buf, start, int(-d.Exponent))
}

// insertPoint places a decimal point scale digits from the end of
// buf[start:], padding with leading zeros as needed.
func insertPoint(buf []byte, start, scale int) []byte {
	n := len(buf) - start
	if n <= scale {
		pad := scale - n + 1 // leading "0" plus zeros after the point
		for i := 0; i < pad; i++ {
			buf = append(buf, '0')
		}
		copy(buf[start+pad:], buf[start:start+n])
		for i := 0; i < pad; i++ {
			buf[start+i] = '0'
		}
		n += pad
	}
	buf = append(buf, 0)
	intLen := n - scale
	copy(buf[start+intLen+1:], buf[start+intLen:start+n])
	buf[start+intLen] = '.'
	return buf
}
