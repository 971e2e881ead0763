package types

import (
	"encoding/binary"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/cockroachdb/apd/v3"
	"github.com/quiverdb/quiver/internal/pgerror"
)

// Sign words of PostgreSQL's external numeric format.
const (
	numericPos    = 0x0000
	numericNeg    = 0x4000
	numericNaN    = 0xC000
	numericPInf   = 0xD000
	numericNInf   = 0xF000
	numericDigits = 4 // decimal digits per base-10000 digit
	// numericInfScale is the dscale word PostgreSQL 15 happens to send for
	// infinities; receivers ignore it.
	numericInfScale = 0x20
)

// EncodeBinary appends d (non-NULL) in PostgreSQL's binary send format.
func EncodeBinary(buf []byte, t T, d Datum) ([]byte, error) {
	switch v := d.(type) {
	case bool:
		if v {
			return append(buf, 1), nil
		}
		return append(buf, 0), nil
	case int64:
		return encodeInt(buf, t, v), nil
	case float64:
		if t.Family == Float4Family {
			return binary.BigEndian.AppendUint32(buf, math.Float32bits(float32(v))), nil
		}
		return binary.BigEndian.AppendUint64(buf, math.Float64bits(v)), nil
	case string:
		return append(buf, v...), nil
	case *Decimal:
		return encodeNumeric(buf, v), nil
	case Date:
		return binary.BigEndian.AppendUint32(buf, uint32(dateToPG(v))), nil
	case Timestamp:
		return binary.BigEndian.AppendUint64(buf, uint64(timestampToPG(v))), nil
	}
	return nil, errWrongDatum(t, d)
}

func encodeInt(buf []byte, t T, v int64) []byte {
	switch t.Family {
	case Int2Family:
		return binary.BigEndian.AppendUint16(buf, uint16(v))
	case Int4Family:
		return binary.BigEndian.AppendUint32(buf, uint32(v))
	}
	return binary.BigEndian.AppendUint64(buf, uint64(v))
}

// dateToPG returns days since 2000-01-01, keeping the infinity sentinels
// (PostgreSQL uses INT32_MIN and INT32_MAX too).
func dateToPG(d Date) int32 {
	if d == DateInfinity || d == DateNegInfinity {
		return int32(d)
	}
	return int32(d) - pgEpochDays
}

// timestampToPG returns microseconds since 2000-01-01, keeping the
// infinity sentinels.
func timestampToPG(ts Timestamp) int64 {
	if ts == TimestampInfinity || ts == TimestampNegInfinity {
		return int64(ts)
	}
	return int64(ts) - pgEpochMicros
}

// encodeNumeric writes ndigits, weight, sign, dscale (int16 each) and the
// base-10000 digits of d.
func encodeNumeric(buf []byte, d *Decimal) []byte {
	switch {
	case d.Form == apd.Infinite && d.Negative:
		return appendNumericHeader(buf, 0, 0, numericNInf, numericInfScale)
	case d.Form == apd.Infinite:
		return appendNumericHeader(buf, 0, 0, numericPInf, numericInfScale)
	case d.Form != apd.Finite:
		return appendNumericHeader(buf, 0, 0, numericNaN, 0)
	}
	digits, weight := base10000Digits(d)
	sign := uint16(numericPos)
	if d.Negative && d.Coeff.Sign() != 0 {
		sign = numericNeg
	}
	buf = appendNumericHeader(buf, len(digits), weight, sign, numericScale(d))
	for _, g := range digits {
		buf = binary.BigEndian.AppendUint16(buf, g)
	}
	return buf
}

func appendNumericHeader(buf []byte, ndigits int, weight int, sign uint16, dscale int32) []byte {
	buf = binary.BigEndian.AppendUint16(buf, uint16(ndigits))
	buf = binary.BigEndian.AppendUint16(buf, uint16(int16(weight)))
	buf = binary.BigEndian.AppendUint16(buf, sign)
	return binary.BigEndian.AppendUint16(buf, uint16(dscale))
}

// base10000Digits splits |d| into base-10000 digits without leading or
// trailing zero digits, and the weight of the first one.
func base10000Digits(d *Decimal) ([]uint16, int) {
	s := d.Coeff.Text(10)
	scale := 0
	if d.Exponent > 0 {
		s += strings.Repeat("0", int(d.Exponent))
	} else {
		scale = int(-d.Exponent)
	}
	if len(s) < scale {
		s = strings.Repeat("0", scale-len(s)) + s
	}
	intPart, frac := s[:len(s)-scale], s[len(s)-scale:]
	intPart = strings.Repeat("0", (numericDigits-len(intPart)%numericDigits)%numericDigits) + intPart
	frac += strings.Repeat("0", (numericDigits-len(frac)%numericDigits)%numericDigits)
	all := intPart + frac
	weight := len(intPart)/numericDigits - 1
	digits := make([]uint16, 0, len(all)/numericDigits)
	for i := 0; i < len(all); i += numericDigits {
		var g uint16
		for _, c := range all[i : i+numericDigits] {
			g = g*10 + uint16(c-'0')
		}
		digits = append(digits, g)
	}
	for len(digits) > 0 && digits[0] == 0 {
		digits, weight = digits[1:], weight-1
	}
	for len(digits) > 0 && digits[len(digits)-1] == 0 {
		digits = digits[:len(digits)-1]
	}
	if len(digits) == 0 {
		weight = 0
	}
	return digits, weight
}

// DecodeBinary parses PostgreSQL's binary receive format for t; malformed
// input is 22P03.
func DecodeBinary(t T, src []byte) (Datum, error) {
	switch t.Family {
	case BoolFamily:
		if len(src) != 1 {
			return nil, errBadBinary(t)
		}
		return src[0] != 0, nil
	case Int2Family, Int4Family, Int8Family:
		return decodeInt(t, src)
	case Float4Family:
		if len(src) != 4 {
			return nil, errBadBinary(t)
		}
		return float64(math.Float32frombits(binary.BigEndian.Uint32(src))), nil
	case Float8Family:
		if len(src) != 8 {
			return nil, errBadBinary(t)
		}
		return math.Float64frombits(binary.BigEndian.Uint64(src)), nil
	case NumericFamily:
		return decodeNumeric(t, src)
	case TextFamily, VarcharFamily, UnknownFamily:
		return decodeText(t, src)
	case DateFamily:
		return decodeDate(t, src)
	case TimestampFamily, TimestampTZFamily:
		return decodeTimestamp(t, src)
	}
	return nil, errBadBinary(t)
}

func decodeInt(t T, src []byte) (Datum, error) {
	switch {
	case t.Family == Int2Family && len(src) == 2:
		return int64(int16(binary.BigEndian.Uint16(src))), nil
	case t.Family == Int4Family && len(src) == 4:
		return int64(int32(binary.BigEndian.Uint32(src))), nil
	case t.Family == Int8Family && len(src) == 8:
		return int64(binary.BigEndian.Uint64(src)), nil
	}
	return nil, errBadBinary(t)
}

// decodeText checks the encoding (UTF8) and varchar(n).
func decodeText(t T, src []byte) (Datum, error) {
	if !utf8.Valid(src) || strings.IndexByte(string(src), 0) >= 0 {
		return nil, pgerror.New(pgerror.Code("22021"), "invalid byte sequence for encoding \"UTF8\"")
	}
	return fitVarchar(t, string(src), false /* truncate */)
}

func decodeDate(t T, src []byte) (Datum, error) {
	if len(src) != 4 {
		return nil, errBadBinary(t)
	}
	v := int32(binary.BigEndian.Uint32(src))
	if v == math.MaxInt32 || v == math.MinInt32 {
		return Date(v), nil
	}
	days := int64(v) + pgEpochDays
	if !validDate(days) {
		return nil, pgerror.New(pgerror.DatetimeFieldOverflow, "date out of range")
	}
	return Date(days), nil
}

func decodeTimestamp(t T, src []byte) (Datum, error) {
	if len(src) != 8 {
		return nil, errBadBinary(t)
	}
	v := int64(binary.BigEndian.Uint64(src))
	if v == math.MaxInt64 || v == math.MinInt64 {
		return Timestamp(v), nil
	}
	if v > endTimestamp-pgEpochMicros-1 || v < minTimestamp-pgEpochMicros {
		return nil, pgerror.New(pgerror.DatetimeFieldOverflow, "timestamp out of range")
	}
	return Timestamp(v + pgEpochMicros), nil
}

func errNumericBinary(what string) error {
	return pgerror.Newf(pgerror.InvalidBinaryRepresentation, "invalid %s in external \"numeric\" value", what)
}

// decodeNumeric is numeric_recv: digits beyond dscale are truncated, then
// t's typmod applies.
func decodeNumeric(t T, src []byte) (Datum, error) {
	if len(src) < 8 {
		return nil, errBadBinary(t)
	}
	ndigits := int(binary.BigEndian.Uint16(src))
	weight := int64(int16(binary.BigEndian.Uint16(src[2:])))
	sign := binary.BigEndian.Uint16(src[4:])
	dscale := binary.BigEndian.Uint16(src[6:])
	if len(src) != 8+2*ndigits {
		return nil, errBadBinary(t)
	}
	var d *Decimal
	switch sign {
	case numericNaN:
		d = decNaN
	case numericPInf:
		d = decPosInf
	case numericNInf:
		d = decNegInf
	case numericPos, numericNeg:
		if dscale > numericMaxScale {
			return nil, errNumericBinary("scale")
		}
		var err error
		if d, err = numericFromDigits(src[8:], weight, sign == numericNeg, int32(dscale)); err != nil {
			return nil, err
		}
	default:
		return nil, errNumericBinary("sign")
	}
	return applyNumericTypmod(d, t)
}

// numericFromDigits builds sum(digit[i] * 10000^(weight-i)) truncated to
// dscale digits after the point.
func numericFromDigits(raw []byte, weight int64, neg bool, dscale int32) (*Decimal, error) {
	var sb strings.Builder
	for i := 0; i+1 < len(raw); i += 2 {
		g := binary.BigEndian.Uint16(raw[i:])
		if g >= 10000 {
			return nil, errNumericBinary("digit")
		}
		sb.WriteByte(byte('0' + g/1000))
		sb.WriteByte(byte('0' + g/100%10))
		sb.WriteByte(byte('0' + g/10%10))
		sb.WriteByte(byte('0' + g%10))
	}
	s := sb.String()
	if s == "" {
		s = "0"
	}
	var c apd.BigInt
	c.SetString(s, 10)
	exp := numericDigits * (weight - int64(len(raw)/2) + 1)
	if exp+int64(len(s)) > numericMaxIntDigits+numericDigits {
		return nil, errNumericFormat
	}
	d := newDecimal(&c, neg, int32(exp))
	return truncNumeric(d, dscale), nil
}

// truncNumeric sets finite d's scale to exactly scale, dropping (toward
// zero) any digits beyond it.
func truncNumeric(d *Decimal, scale int32) *Decimal {
	shift := int64(d.Exponent) + int64(scale)
	if shift >= 0 {
		return roundNumeric(d, scale) // only pads zeros
	}
	q := new(apd.BigInt).Quo(&d.Coeff, pow10(-shift))
	return newDecimal(q, d.Negative, -scale)
}
