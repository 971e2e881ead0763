package sql

import (
	"math"
	"strconv"
	"time"

	"github.com/quiverdb/quiver/internal/types"
)

// Fast paths for the text input of the values bulk loads are made of:
// plain integers, plain decimal floats and ISO timestamps. Each returns
// ok=false for anything else (and for every input that is an error), and
// the caller then runs the type's full input function
// (types.ParseTextIn), so a fast path never changes a result: the tests
// compare them with random inputs.

// fastParse converts f to a value of t, or returns ok=false. utc tells
// whether a timestamptz without a zone may be read as UTC.
func fastParse(t types.T, f []byte, utc bool) (types.Datum, bool) {
	switch t.Family {
	case types.Int2Family, types.Int4Family, types.Int8Family:
		return fastInt(t, f)
	case types.Float8Family:
		return fastFloat8(f)
	case types.TextFamily:
		return unsafeString(f), true
	case types.TimestampFamily, types.TimestampTZFamily:
		tz := t.Family == types.TimestampTZFamily
		ts, ok := fastTimestamp(f, tz && !utc, tz)
		if !ok {
			return nil, false
		}
		return ts, true
	}
	return nil, false
}

// fastInt parses an optional '-' and 1 to 18 digits.
func fastInt(t types.T, f []byte) (types.Datum, bool) {
	neg := len(f) > 0 && f[0] == '-'
	if neg {
		f = f[1:]
	}
	if len(f) == 0 || len(f) > 18 {
		return nil, false
	}
	var v int64
	for _, c := range f {
		if c < '0' || c > '9' {
			return nil, false
		}
		v = v*10 + int64(c-'0')
	}
	if neg {
		v = -v
	}
	switch t.Family {
	case types.Int2Family:
		return v, v >= math.MinInt16 && v <= math.MaxInt16
	case types.Int4Family:
		return v, v >= math.MinInt32 && v <= math.MaxInt32
	}
	return v, true
}

// fastFloat8 parses plain decimal notation: digits, at most one '.', an
// optional leading '-', a nonzero result.
func fastFloat8(f []byte) (types.Datum, bool) {
	if len(f) == 0 || len(f) > 24 {
		return nil, false
	}
	dots, digits := 0, 0
	for i, c := range f {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '.':
			dots++
		case c == '-' && i == 0:
		default:
			return nil, false
		}
	}
	if dots > 1 || digits == 0 {
		return nil, false
	}
	if v, ok := exactDecimal(f); ok {
		return v, true
	}
	v, err := strconv.ParseFloat(unsafeString(f), 64)
	if err != nil || v == 0 {
		return nil, false // zero: let the input function check underflow
	}
	return v, true
}

// pow10 are the powers of ten that float64 holds exactly.
var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// exactDecimal converts "[-]digits[.digits]" with at most 15 significant
// digits: the digits as an integer and the power of ten are both exact
// in a float64, so one division gives the correctly rounded value, as
// strtod does (Clinger's fast path).
func exactDecimal(f []byte) (float64, bool) {
	neg := f[0] == '-'
	if neg {
		f = f[1:]
	}
	var m uint64
	n, scale, dot := 0, 0, false
	for _, c := range f {
		if c == '.' {
			dot = true
			continue
		}
		if n > 0 || c != '0' {
			n++
		}
		m = m*10 + uint64(c-'0')
		if dot {
			scale++
		}
	}
	if n > 15 || scale >= len(pow10) || m == 0 {
		return 0, false
	}
	v := float64(m) / pow10[scale]
	if neg {
		v = -v
	}
	return v, true
}

// fastTimestamp parses "YYYY-MM-DD HH:MM:SS[.ffffff][(+|-)HH[:MM]]" (a
// space or 'T' between date and time). needZone rejects a value without
// a zone (a timestamptz read in a session zone other than UTC); the zone
// applies only when useZone (timestamp without time zone ignores it).
func fastTimestamp(f []byte, needZone, useZone bool) (types.Timestamp, bool) {
	if len(f) < 19 || f[4] != '-' || f[7] != '-' || (f[10] != ' ' && f[10] != 'T') || f[13] != ':' || f[16] != ':' {
		return 0, false
	}
	y, ok1 := digitsAt(f, 0, 4)
	mo, ok2 := digitsAt(f, 5, 2)
	d, ok3 := digitsAt(f, 8, 2)
	h, ok4 := digitsAt(f, 11, 2)
	mi, ok5 := digitsAt(f, 14, 2)
	s, ok6 := digitsAt(f, 17, 2)
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || y < 1 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59 {
		return 0, false
	}
	date := time.Date(int(y), time.Month(mo), int(d), 0, 0, 0, 0, time.UTC)
	if date.Day() != int(d) { // past the month's end
		return 0, false
	}
	rest := f[19:]
	frac, rest, ok := fastFraction(rest)
	if !ok {
		return 0, false
	}
	off, hasZone, ok := fastZone(rest)
	if !ok || (needZone && !hasZone) {
		return 0, false
	}
	if !useZone {
		off = 0
	}
	us := date.Unix()*1_000_000 + ((h*60+mi)*60+s)*1_000_000 + frac - off*1_000_000
	return types.Timestamp(us), true
}

// fastFraction reads ".f" with 1 to 6 digits, as microseconds.
func fastFraction(f []byte) (int64, []byte, bool) {
	if len(f) == 0 || f[0] != '.' {
		return 0, f, true
	}
	n := 1
	for n < len(f) && f[n] >= '0' && f[n] <= '9' {
		n++
	}
	digits := n - 1
	if digits == 0 || digits > 6 {
		return 0, nil, false
	}
	v, _ := digitsAt(f, 1, digits)
	for range 6 - digits {
		v *= 10
	}
	return v, f[n:], true
}

// fastZone reads "", "+HH", "-HH", "+HH:MM" or "-HH:MM": the offset east
// of UTC in seconds.
func fastZone(f []byte) (int64, bool, bool) {
	switch {
	case len(f) == 0:
		return 0, false, true
	case f[0] != '+' && f[0] != '-':
		return 0, false, false
	}
	var hh, mm int64
	var ok bool
	switch len(f) {
	case 3:
		hh, ok = digitsAt(f, 1, 2)
	case 6:
		var okM bool
		hh, ok = digitsAt(f, 1, 2)
		mm, okM = digitsAt(f, 4, 2)
		ok = ok && okM && f[3] == ':'
	}
	if !ok || hh > 15 || mm > 59 {
		return 0, false, false
	}
	off := hh*3600 + mm*60
	if f[0] == '-' {
		off = -off
	}
	return off, true, true
}

// digitsAt reads n decimal digits at f[at:].
func digitsAt(f []byte, at, n int) (int64, bool) {
	var v int64
	for _, c := range f[at : at+n] {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int64(c-'0')
	}
	return v, true
}
