package types

import (
	"math"
	"strconv"
)

// AppendText appends d (non-NULL) in PostgreSQL's text output format for t
// (DateStyle ISO, TimeZone UTC, extra_float_digits 1: shortest floats).
func AppendText(buf []byte, t T, d Datum) []byte {
	switch v := d.(type) {
	case int64:
		return strconv.AppendInt(buf, v, 10)
	case float64:
		if t.Family == Float4Family {
			return appendFloat(buf, v, 32)
		}
		return appendFloat(buf, v, 64)
	case string:
		return append(buf, v...)
	case bool:
		if v {
			return append(buf, 't')
		}
		return append(buf, 'f')
	case *Decimal:
		return appendNumeric(buf, v)
	case Date:
		return appendDate(buf, v)
	case Timestamp:
		return appendTimestamp(buf, v, t.Family == TimestampTZFamily)
	}
	return buf
}

// FormatText returns AppendText as a string.
func FormatText(t T, d Datum) string { return string(AppendText(nil, t, d)) }

// appendFloat writes f as float4out/float8out do with extra_float_digits
// >= 1: the shortest digits that round-trip, in fixed notation when the
// decimal exponent is in [-4, 15) for float8 and [-4, 6) for float4, else
// in exponent notation with at least two exponent digits.
func appendFloat(buf []byte, f float64, bits int) []byte {
	switch {
	case math.IsNaN(f):
		return append(buf, "NaN"...)
	case math.IsInf(f, 1):
		return append(buf, "Infinity"...)
	case math.IsInf(f, -1):
		return append(buf, "-Infinity"...)
	}
	var tmp [32]byte
	e := strconv.AppendFloat(tmp[:0], f, 'e', -1, bits)
	limit := 15
	if bits == 32 {
		limit = 6
	}
	neg := e[0] == '-'
	if neg {
		e = e[1:]
	}
	mark := len(e) - 4 // 'e' of "e+dd"
	for e[mark] != 'e' {
		mark--
	}
	exp := 0
	for _, c := range e[mark+2:] {
		exp = exp*10 + int(c-'0')
	}
	if e[mark+1] == '-' {
		exp = -exp
	}
	if neg {
		buf = append(buf, '-')
	}
	if exp < -4 || exp >= limit {
		return append(buf, e...)
	}
	return appendFixed(buf, e[:mark], exp)
}

// appendFixed writes the mantissa m ("d" or "d.ddd") scaled by 10^exp in
// fixed notation.
func appendFixed(buf, m []byte, exp int) []byte {
	var digits [24]byte
	n := copy(digits[:], m[:1])
	if len(m) > 2 {
		n += copy(digits[n:], m[2:])
	}
	ds := digits[:n]
	if exp < 0 {
		buf = append(buf, '0', '.')
		for i := -1; i > exp; i-- {
			buf = append(buf, '0')
		}
		return append(buf, ds...)
	}
	if len(ds) <= exp+1 {
		buf = append(buf, ds...)
		for i := len(ds); i <= exp; i++ {
			buf = append(buf, '0')
		}
		return buf
	}
	buf = append(buf, ds[:exp+1]...)
	buf = append(buf, '.')
	return append(buf, ds[exp+1:]...)
}

// appendDate writes YYYY-MM-DD, with " BC" for years before 1 AD.
func appendDate(buf []byte, d Date) []byte {
	switch d {
	case DateInfinity:
		return append(buf, "infinity"...)
	case DateNegInfinity:
		return append(buf, "-infinity"...)
	}
	y, m, day := civilFromDays(int64(d))
	buf, bc := appendYMD(buf, y, m, day)
	if bc {
		buf = append(buf, " BC"...)
	}
	return buf
}

// appendYMD writes the date part and reports whether it is BC.
func appendYMD(buf []byte, y, m, d int64) ([]byte, bool) {
	bc := y <= 0
	if bc {
		y = 1 - y
	}
	buf = appendPadded(buf, y, 4)
	buf = append(buf, '-')
	buf = appendPadded(buf, m, 2)
	buf = append(buf, '-')
	return appendPadded(buf, d, 2), bc
}

// appendTimestamp writes 'YYYY-MM-DD HH:MM:SS[.ffffff]' with the fraction's
// trailing zeros trimmed, then "+00" for timestamptz and " BC" if needed.
func appendTimestamp(buf []byte, ts Timestamp, tz bool) []byte {
	switch ts {
	case TimestampInfinity:
		return append(buf, "infinity"...)
	case TimestampNegInfinity:
		return append(buf, "-infinity"...)
	}
	days := floorDiv(int64(ts), usPerDay)
	us := int64(ts) - days*usPerDay
	y, m, d := civilFromDays(days)
	buf, bc := appendYMD(buf, y, m, d)
	buf = append(buf, ' ')
	buf = appendClock(buf, us)
	if tz {
		buf = appendOffset(buf, 0)
	}
	if bc {
		buf = append(buf, " BC"...)
	}
	return buf
}

// appendClock writes HH:MM:SS[.ffffff] for us microseconds into a day.
func appendClock(buf []byte, us int64) []byte {
	buf = appendPadded(buf, us/usPerHour, 2)
	buf = append(buf, ':')
	buf = appendPadded(buf, us/usPerMinute%60, 2)
	buf = append(buf, ':')
	buf = appendPadded(buf, us/usPerSecond%60, 2)
	frac := us % usPerSecond
	if frac == 0 {
		return buf
	}
	width := 6
	for frac%10 == 0 {
		frac /= 10
		width--
	}
	buf = append(buf, '.')
	return appendPadded(buf, frac, width)
}

// appendPadded writes non-negative v with at least width digits.
func appendPadded(buf []byte, v int64, width int) []byte {
	var tmp [20]byte
	s := strconv.AppendInt(tmp[:0], v, 10)
	for i := len(s); i < width; i++ {
		buf = append(buf, '0')
	}
	return append(buf, s...)
}
