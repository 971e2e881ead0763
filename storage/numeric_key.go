package storage

import (
	"math"

	"github.com/cockroachdb/apd/v3"
	"github.com/quiverdb/quiver/internal/pgerror"
)

// Class bytes of the numeric key encoding, in PostgreSQL's order.
const (
	numNegInf byte = 0x02
	numNeg    byte = 0x03
	numZero   byte = 0x04
	numPos    byte = 0x05
	numPosInf byte = 0x06
	numNaN    byte = 0x07
)

// AppendKeyNumeric appends d order-preserving encoded: equal values (1.0
// and 1.00) encode identically.
func AppendKeyNumeric(buf []byte, d *apd.Decimal) ([]byte, error) {
	switch d.Form {
	case apd.NaN, apd.NaNSignaling:
		return append(buf, numNaN), nil
	case apd.Infinite:
		if d.Negative {
			return append(buf, numNegInf), nil
		}
		return append(buf, numPosInf), nil
	}
	if d.IsZero() {
		return append(buf, numZero), nil
	}
	var coeff [64]byte
	digits := d.Coeff.Append(coeff[:0], 10)
	if digits[0] == '-' {
		digits = digits[1:]
	}
	exp := int64(d.Exponent)
	for digits[len(digits)-1] == '0' {
		digits = digits[:len(digits)-1]
		exp++
	}
	e := exp + int64(len(digits))
	if e > math.MaxInt32 || e < math.MinInt32 {
		return nil, pgerror.New(pgerror.NumericValueOutOfRange, "value overflows numeric format")
	}
	class := numPos
	if d.Negative {
		class = numNeg
	}
	buf = append(buf, class)
	start := len(buf)
	buf = AppendKeyInt(buf, e, 4)
	for _, c := range digits {
		buf = append(buf, c-'0'+1)
	}
	buf = append(buf, 0)
	if d.Negative {
		invert(buf[start:])
	}
	return buf, nil
}

func invert(b []byte) {
	for i := range b {
		b[i] = ^b[i]
	}
}

// numericKey is a decoded numeric key: 0.digits x 10^exp, digits in ASCII.
type numericKey struct {
	class  byte
	exp    int64
	digits []byte
}

// decodeNumericKey decodes one numeric key column; digits are appended to
// scratch[:0].
func decodeNumericKey(b, scratch []byte) (numericKey, []byte, error) {
	if len(b) == 0 {
		return numericKey{}, nil, errKeyCorrupt
	}
	nk := numericKey{class: b[0]}
	b = b[1:]
	if nk.class != numNeg && nk.class != numPos {
		if nk.class < numNegInf || nk.class > numNaN {
			return numericKey{}, nil, errKeyCorrupt
		}
		return nk, b, nil
	}
	var mask byte
	if nk.class == numNeg {
		mask = 0xff
	}
	if len(b) < 4 {
		return numericKey{}, nil, errKeyCorrupt
	}
	var eb [4]byte
	for i := range eb {
		eb[i] = b[i] ^ mask
	}
	nk.exp, _, _ = DecodeKeyInt(eb[:], 4)
	b = b[4:]
	digits := scratch[:0]
	for i, c := range b {
		c ^= mask
		if c == 0 {
			if len(digits) == 0 {
				return numericKey{}, nil, errKeyCorrupt
			}
			nk.digits = digits
			return nk, b[i+1:], nil
		}
		if c > 10 {
			return numericKey{}, nil, errKeyCorrupt
		}
		digits = append(digits, '0'+c-1)
	}
	return numericKey{}, nil, errKeyCorrupt
}

// appendText appends PostgreSQL's text output of the value with scale
// fractional digits (scale < 0: as many as the value has).
func (nk numericKey) appendText(dst []byte, scale int32) []byte {
	switch nk.class {
	case numNaN:
		return append(dst, "NaN"...)
	case numPosInf:
		return append(dst, "Infinity"...)
	case numNegInf:
		return append(dst, "-Infinity"...)
	}
	n := int64(len(nk.digits))
	frac := n - nk.exp // fractional digits the value has
	if frac < 0 {
		frac = 0
	}
	s := int64(scale)
	if s < 0 {
		s = frac
	}
	if nk.class == numNeg {
		dst = append(dst, '-')
	}
	switch {
	case nk.class == numZero:
		dst = append(dst, '0')
	case nk.exp <= 0:
		dst = append(dst, '0')
	case nk.exp >= n:
		dst = append(dst, nk.digits...)
		dst = appendZeros(dst, nk.exp-n)
	default:
		dst = append(dst, nk.digits[:nk.exp]...)
	}
	if s == 0 {
		return dst
	}
	dst = append(dst, '.')
	written := int64(0)
	if nk.class != numZero && frac > 0 {
		if nk.exp < 0 {
			dst = appendZeros(dst, -nk.exp)
			written = -nk.exp
			dst = append(dst, nk.digits...)
			written += n
		} else {
			dst = append(dst, nk.digits[nk.exp:]...)
			written = n - nk.exp
		}
	}
	return appendZeros(dst, s-written)
}

func appendZeros(dst []byte, n int64) []byte {
	for ; n > 0; n-- {
		dst = append(dst, '0')
	}
	return dst
}

// decimal returns the value as an apd.Decimal with the given scale
// (scale < 0: the value's own).
func (nk numericKey) decimal(scale int32) (*apd.Decimal, error) {
	d, _, err := apd.NewFromString(string(nk.appendText(nil, scale)))
	if err != nil {
		return nil, errKeyCorrupt
	}
	return d, nil
}
