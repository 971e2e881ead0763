package types

import (
	"math"
	"strconv"
	"strings"

	"github.com/cockroachdb/apd/v3"
	"github.com/quiverdb/quiver/internal/pgerror"
)

// ParseText parses s, PostgreSQL's text input for t (int4in, numeric_in,
// date_in, ...), applying t's modifiers: varchar(n) too long is 22001,
// numeric(p,s) rounds to s and overflows with 22003, bad input is 22P02 (or
// 22007/22008 for dates and times).
func ParseText(t T, s string) (Datum, error) {
	switch t.Family {
	case BoolFamily:
		return parseBool(t, s)
	case Int2Family, Int4Family, Int8Family:
		return parseInt(t, s)
	case Float4Family, Float8Family:
		return parseFloat(t, s)
	case NumericFamily:
		d, err := parseNumeric(s)
		if err != nil {
			return nil, err
		}
		return applyNumericTypmod(d, t)
	case TextFamily, UnknownFamily:
		return s, nil
	case VarcharFamily:
		return fitVarchar(t, s, false /* truncate */)
	case DateFamily:
		return parseDate(s)
	case TimestampFamily, TimestampTZFamily:
		return parseTimestamp(t, s, nil /* UTC */)
	}
	return nil, pgerror.Newf(pgerror.FeatureNotSupported, "type %s has no text input", typeName(t))
}

// isSpace is C's isspace, which PostgreSQL's input functions skip.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

func trimSpace(s string) string {
	for len(s) > 0 && isSpace(s[0]) {
		s = s[1:]
	}
	for len(s) > 0 && isSpace(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	return s
}

// intBounds returns the range of an integer family.
func intBounds(t T) (lo, hi int64) {
	switch t.Family {
	case Int2Family:
		return math.MinInt16, math.MaxInt16
	case Int4Family:
		return math.MinInt32, math.MaxInt32
	}
	return math.MinInt64, math.MaxInt64
}

// parseInt is pg_strtoint16/32/64: optional whitespace, optional sign,
// decimal digits, optional whitespace.
func parseInt(t T, s string) (Datum, error) {
	body := trimSpace(s)
	digits := body
	neg := false
	if len(digits) > 0 && (digits[0] == '+' || digits[0] == '-') {
		neg = digits[0] == '-'
		digits = digits[1:]
	}
	if len(digits) == 0 {
		return nil, errInvalidSyntax(t, s)
	}
	lo, hi := intBounds(t)
	var mag uint64 // magnitude, checked against the bound as it grows
	limit := uint64(hi)
	if neg {
		limit = uint64(-(lo + 1)) + 1
	}
	overflow := false
	for i := 0; i < len(digits); i++ {
		c := digits[i]
		if c < '0' || c > '9' {
			return nil, errInvalidSyntax(t, s)
		}
		if mag > (limit-uint64(c-'0'))/10 {
			overflow = true
			continue
		}
		mag = mag*10 + uint64(c-'0')
	}
	if overflow {
		return nil, errValueOutOfRange(t, s)
	}
	if neg {
		return -int64(mag-1) - 1, nil
	}
	return int64(mag), nil
}

// parseFloat is float4in/float8in: strtod's syntax (decimal or
// hexadecimal, NaN, Infinity, inf) with whitespace around; overflow and
// underflow to zero are 22003.
func parseFloat(t T, s string) (Datum, error) {
	body := trimSpace(s)
	if body == "" || strings.ContainsRune(body, '_') {
		return nil, errInvalidSyntax(t, s)
	}
	bits := 64
	if t.Family == Float4Family {
		bits = 32
	}
	if isHexFloat(body) && !strings.ContainsAny(body, "pP") {
		body += "p0" // strtod takes hex without a binary exponent; Go does not
	}
	f, err := strconv.ParseFloat(body, bits)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return nil, errFloatOutOfRange(t, s)
		}
		return nil, errInvalidSyntax(t, s)
	}
	if f == 0 && hasNonzeroMantissa(body) {
		return nil, errFloatOutOfRange(t, s)
	}
	return f, nil
}

func isHexFloat(s string) bool {
	s = strings.TrimLeft(s, "+-")
	return len(s) > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')
}

// hasNonzeroMantissa reports whether a decimal or hex float literal has a
// nonzero digit before its exponent.
func hasNonzeroMantissa(s string) bool {
	hex := isHexFloat(s)
	if hex {
		s = strings.TrimLeft(s, "+-")[2:]
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (!hex && (c == 'e' || c == 'E')) || (hex && (c == 'p' || c == 'P')) {
			return false
		}
		if c >= '1' && c <= '9' || hex && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return true
		}
	}
	return false
}

// parseBool is boolin: any prefix of true/false/yes/no, "on", "off" (from
// "of"), 1 and 0, case-insensitively, with whitespace around.
func parseBool(t T, s string) (Datum, error) {
	v := strings.ToLower(trimSpace(s))
	switch {
	case v == "":
	case v == "1":
		return true, nil
	case v == "0":
		return false, nil
	case strings.HasPrefix("true", v), strings.HasPrefix("yes", v):
		return true, nil
	case strings.HasPrefix("false", v), strings.HasPrefix("no", v):
		return false, nil
	case v == "on":
		return true, nil
	case len(v) >= 2 && strings.HasPrefix("off", v):
		return false, nil
	}
	return nil, errInvalidSyntax(t, s)
}

// fitVarchar applies varchar(n): a longer value is an error unless the
// excess is all spaces (then it is cut), or truncate is set (explicit
// casts cut silently).
func fitVarchar(t T, s string, truncate bool) (Datum, error) {
	if t.Width <= 0 || len(s) <= int(t.Width) {
		return s, nil
	}
	n := 0
	for i := range s {
		if n == int(t.Width) {
			if !truncate && strings.Trim(s[i:], " ") != "" {
				return nil, pgerror.Newf(pgerror.StringDataRightTruncation,
					"value too long for type character varying(%d)", t.Width)
			}
			return s[:i], nil
		}
		n++
	}
	return s, nil
}

// parseNumeric is numeric_in without a typmod: whitespace around, NaN,
// [+-]Infinity/inf, or [+-]digits[.digits][e[+-]digits].
func parseNumeric(s string) (*Decimal, error) {
	body := trimSpace(s)
	if d := numericSpecial(body); d != nil {
		return d, nil
	}
	neg, mant, exp, ok := splitNumeric(body)
	if !ok {
		return nil, errInvalidSyntax(NumericType, s)
	}
	digits := strings.Replace(mant, ".", "", 1)
	if dot := strings.IndexByte(mant, '.'); dot >= 0 {
		exp -= int64(len(mant) - dot - 1)
	}
	nd := int64(len(strings.TrimLeft(digits, "0")))
	if nd == 0 && exp > 0 {
		exp = 0
	}
	if nd+exp > numericMaxIntDigits || -exp > numericMaxScale {
		return nil, errNumericFormat
	}
	var c apd.BigInt
	if _, ok := c.SetString(digits, 10); !ok {
		return nil, errInvalidSyntax(NumericType, s)
	}
	if exp > 0 {
		c.Mul(&c, pow10(exp))
		exp = 0
	}
	return newDecimal(&c, neg, int32(exp)), nil
}

func numericSpecial(s string) *Decimal {
	switch strings.ToLower(s) {
	case "nan":
		return decNaN
	case "infinity", "+infinity", "inf", "+inf":
		return decPosInf
	case "-infinity", "-inf":
		return decNegInf
	}
	return nil
}

// splitNumeric splits a numeric literal into sign, mantissa (digits with
// at most one point, at least one digit) and exponent.
func splitNumeric(s string) (neg bool, mant string, exp int64, ok bool) {
	if len(s) > 0 && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	i, digits, dots := 0, 0, 0
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && dots == 0:
			dots++
		default:
			goto done
		}
	}
done:
	if digits == 0 {
		return false, "", 0, false
	}
	mant, rest := s[:i], s[i:]
	if rest == "" {
		return neg, mant, 0, true
	}
	if rest[0] != 'e' && rest[0] != 'E' {
		return false, "", 0, false
	}
	e, err := strconv.ParseInt(rest[1:], 10, 32)
	if err != nil {
		if ne, isNum := err.(*strconv.NumError); isNum && ne.Err == strconv.ErrRange {
			return neg, mant, math.MaxInt32, true
		}
		return false, "", 0, false
	}
	return neg, mant, e, true
}
