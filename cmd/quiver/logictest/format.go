package logictest

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// PostgreSQL type OIDs the formatter cares about.
const (
	oidNumeric = 1700
)

var (
	integerRE = regexp.MustCompile(`^[+-]?[0-9]+$`)
	decimalRE = regexp.MustCompile(`^([+-]?)([0-9]*)(?:\.([0-9]*))?$`)
)

// FormatValue formats one value of PostgreSQL's text output for a column
// of type letter typ ('I', 'R', 'T' or 'B'); oid is the column's type and
// raw is nil for NULL.
func FormatValue(typ byte, oid uint32, raw []byte) string {
	if raw == nil {
		return "NULL"
	}
	s := string(raw)
	switch typ {
	case 'I':
		return formatInteger(s)
	case 'R':
		return formatReal(s, oid)
	}
	return formatText(s)
}

// formatText prints text verbatim, an empty string as (empty) and control
// characters as @.
func formatText(s string) string {
	if s == "" {
		return "(empty)"
	}
	return strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return '@'
		}
		return r
	}, s)
}

// formatInteger prints an integer verbatim and truncates any other number
// toward zero.
func formatInteger(s string) string {
	if integerRE.MatchString(s) {
		return strings.TrimPrefix(s, "+")
	}
	if m := decimalRE.FindStringSubmatch(s); m != nil && m[2] != "" {
		return trimIntegerDigits(m[1], m[2])
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) >= 1<<63 {
		return formatText(s)
	}
	return strconv.FormatInt(int64(f), 10)
}

// trimIntegerDigits joins a sign and integer digits, without leading zeros
// and without the sign of zero.
func trimIntegerDigits(sign, digits string) string {
	digits = strings.TrimLeft(digits, "0")
	if digits == "" {
		return "0"
	}
	if sign == "-" {
		return "-" + digits
	}
	return digits
}

// formatReal prints a number with three decimals.
func formatReal(s string, oid uint32) string {
	switch s {
	case "NaN", "Infinity", "-Infinity":
		return s
	}
	if m := decimalRE.FindStringSubmatch(s); m != nil && oid == oidNumeric && m[2]+m[3] != "" {
		return roundDecimal(m[1], m[2], m[3], 3)
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return formatText(s)
	}
	return fmt.Sprintf("%.3f", f)
}

// roundDecimal rounds sign intDigits.fracDigits half away from zero to
// places decimals.
func roundDecimal(sign, intDigits, fracDigits string, places int) string {
	frac := fracDigits + strings.Repeat("0", places+1)
	digits := []byte("0" + intDigits + frac[:places])
	if frac[places] >= '5' {
		for i := len(digits) - 1; i >= 0; i-- {
			if digits[i] < '9' {
				digits[i]++
				break
			}
			digits[i] = '0'
		}
	}
	n := len(digits) - places
	intPart := strings.TrimLeft(string(digits[:n]), "0")
	if intPart == "" {
		intPart = "0"
	}
	out := intPart + "." + string(digits[n:])
	if sign == "-" && strings.Trim(string(digits), "0") != "" {
		out = "-" + out
	}
	return out
}
