package types

import (
	"math"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // IANA zones even where the host has no zoneinfo

	"github.com/quiverdb/quiver/internal/pgerror"
)

// dateTimeFields are the parts of a date/time literal.
type dateTimeFields struct {
	year, month, day int64 // year as written (>= 1), with bc separately
	bc               bool
	clock            int64 // microseconds into the day (may be a full day at 24:00)
	hasZone          bool
	zoneName         *time.Location // named zone, resolved at the local time
	zoneOffset       int64          // seconds east of UTC when zoneName is nil
}

// errKind tells a syntax error (22007) from a field out of range (22008).
type errKind int

const (
	parseOK errKind = iota
	parseSyntax
	parseField
)

// parseDate is date_in for ISO input: "YYYY-MM-DD" with optional " BC"
// (a time part is accepted and ignored), epoch and +/-infinity.
func parseDate(s string) (Datum, error) {
	switch strings.ToLower(trimSpace(s)) {
	case "epoch":
		return Date(0), nil
	case "infinity", "+infinity":
		return DateInfinity, nil
	case "-infinity":
		return DateNegInfinity, nil
	}
	f, kind := splitDateTime(trimSpace(s))
	if kind != parseOK {
		return nil, dateTimeError(DateType, s, kind)
	}
	days, ok := f.days()
	if !ok {
		return nil, errDatetimeField(s)
	}
	if !validDate(days) {
		return nil, errDatetimeRange(DateType, s)
	}
	return Date(days), nil
}

// parseTimestamp is timestamp_in/timestamptz_in for ISO input:
// timestamptz converts a given offset to UTC and reads a zone-less time
// in the session zone loc (nil: UTC); timestamp ignores any zone.
func parseTimestamp(t T, s string, loc *time.Location) (Datum, error) {
	switch strings.ToLower(trimSpace(s)) {
	case "epoch":
		return Timestamp(0), nil
	case "infinity", "+infinity":
		return TimestampInfinity, nil
	case "-infinity":
		return TimestampNegInfinity, nil
	}
	f, kind := splitDateTime(trimSpace(s))
	if kind != parseOK {
		return nil, dateTimeError(t, s, kind)
	}
	days, ok := f.days()
	if !ok {
		return nil, errDatetimeField(s)
	}
	if days < minDateDays-1 || days > maxTimestampDays {
		return nil, errDatetimeRange(t, s)
	}
	us := days*usPerDay + f.clock
	switch {
	case t.Family != TimestampTZFamily:
	case f.hasZone:
		us -= f.offsetAt(us) * usPerSecond
	case loc != nil:
		us = localToUTC(us, loc)
	}
	if !validTimestamp(us) {
		return nil, errDatetimeRange(t, s)
	}
	return Timestamp(us), nil
}

func dateTimeError(t T, s string, kind errKind) error {
	if kind == parseField {
		return errDatetimeField(s)
	}
	name := "timestamp"
	switch t.Family {
	case DateFamily:
		name = "date"
	case TimestampTZFamily:
		name = "timestamp with time zone"
	}
	return pgerror.Newf(pgerror.InvalidDatetimeFormat, "invalid input syntax for type %s: \"%s\"", name, s)
}

// days returns the date's days since 1970, or false if a field is out of
// range.
func (f *dateTimeFields) days() (int64, bool) {
	if f.year < 1 || f.month < 1 || f.month > 12 {
		return 0, false
	}
	y := f.year
	if f.bc {
		y = 1 - y
	}
	if f.day < 1 || f.day > daysInMonth(y, f.month) {
		return 0, false
	}
	return daysFromCivil(y, f.month, f.day), true
}

// offsetAt returns the zone's offset east of UTC in seconds for the local
// wall-clock time us.
func (f *dateTimeFields) offsetAt(us int64) int64 {
	if f.zoneName == nil {
		return f.zoneOffset
	}
	sec := floorDiv(us, usPerSecond)
	wall := time.Unix(sec, 0).UTC()
	local := time.Date(wall.Year(), wall.Month(), wall.Day(), wall.Hour(), wall.Minute(), wall.Second(), 0, f.zoneName)
	_, off := local.Zone()
	return int64(off)
}

// splitDateTime parses "Y-M-D[( |T)time][ zone][ BC|AD]" in any order
// after the date.
func splitDateTime(s string) (dateTimeFields, errKind) {
	var f dateTimeFields
	rest, kind := f.parseYMD(s)
	if kind != parseOK {
		return f, kind
	}
	if len(rest) > 0 && (rest[0] == 'T' || rest[0] == 't') && len(rest) > 1 && isDigit(rest[1]) {
		rest = rest[1:]
	}
	hasTime := false
	for rest = trimSpace(rest); rest != ""; rest = trimSpace(rest) {
		switch c := rest[0]; {
		case isDigit(c) && !hasTime:
			hasTime = true
			rest, kind = f.parseClock(rest)
		case (c == '+' || c == '-') && !f.hasZone:
			rest, kind = f.parseOffset(rest)
		case isLetter(c):
			rest, kind = f.parseWord(rest)
		default:
			return f, parseSyntax
		}
		if kind != parseOK {
			return f, kind
		}
	}
	return f, parseOK
}

// parseYMD reads year-month-day (the year has at least 3 digits, as the
// ISO year-first form needs).
func (f *dateTimeFields) parseYMD(s string) (string, errKind) {
	y, rest, ok := readDigits(s, 3, 9)
	if !ok || len(rest) == 0 || rest[0] != '-' {
		return s, parseSyntax
	}
	m, rest, ok := readDigits(rest[1:], 1, 2)
	if !ok || len(rest) == 0 || rest[0] != '-' {
		return s, parseSyntax
	}
	d, rest, ok := readDigits(rest[1:], 1, 2)
	if !ok {
		return s, parseSyntax
	}
	f.year, f.month, f.day = y, m, d
	return rest, parseOK
}

// parseClock reads HH:MM[:SS[.fraction]].
func (f *dateTimeFields) parseClock(s string) (string, errKind) {
	h, rest, ok := readDigits(s, 1, 2)
	if !ok || len(rest) == 0 || rest[0] != ':' {
		return s, parseSyntax
	}
	m, rest, ok := readDigits(rest[1:], 1, 2)
	if !ok {
		return s, parseSyntax
	}
	var sec, frac int64
	if len(rest) > 0 && rest[0] == ':' {
		if sec, rest, ok = readDigits(rest[1:], 1, 2); !ok {
			return s, parseSyntax
		}
		if len(rest) > 0 && rest[0] == '.' {
			if frac, rest, ok = readFraction(rest); !ok {
				return s, parseSyntax
			}
		}
	}
	if h > 24 || m > 59 || sec > 60 || (h == 24 && (m > 0 || sec > 0 || frac > 0)) {
		return s, parseField
	}
	f.clock = h*usPerHour + m*usPerMinute + sec*usPerSecond + frac
	return rest, parseOK
}

// readFraction reads ".digits" as microseconds, rounding as PostgreSQL's
// rint(strtod(fraction) * 1e6) does.
func readFraction(s string) (int64, string, bool) {
	i := 1
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	if i == 1 {
		return 0, s[i:], true
	}
	v, err := strconv.ParseFloat("0"+s[:i], 64)
	if err != nil {
		return 0, s, false
	}
	return int64(math.RoundToEven(v * 1e6)), s[i:], true
}

// parseOffset reads +HH, +HHMM, +HH:MM or +HH:MM:SS.
func (f *dateTimeFields) parseOffset(s string) (string, errKind) {
	sign := int64(1)
	if s[0] == '-' {
		sign = -1
	}
	i := 1
	for i < len(s) && (isDigit(s[i]) || s[i] == ':') {
		i++
	}
	body, rest := s[1:i], s[i:]
	var parts []int64
	if strings.Contains(body, ":") {
		for _, p := range strings.Split(body, ":") {
			v, r, ok := readDigits(p, 1, 2)
			if !ok || r != "" {
				return s, parseSyntax
			}
			parts = append(parts, v)
		}
	} else {
		for len(body) > 0 {
			n := min(2, len(body))
			v, _, ok := readDigits(body[:n], 1, 2)
			if !ok {
				return s, parseSyntax
			}
			parts, body = append(parts, v), body[n:]
		}
	}
	if len(parts) == 0 || len(parts) > 3 {
		return s, parseSyntax
	}
	parts = append(parts, 0, 0)
	if parts[0] > 15 || parts[1] > 59 || parts[2] > 59 {
		return s, parseField
	}
	f.hasZone = true
	f.zoneOffset = sign * (parts[0]*3600 + parts[1]*60 + parts[2])
	return rest, parseOK
}

// parseWord reads BC, AD, Z/UTC/GMT or an IANA zone name.
func (f *dateTimeFields) parseWord(s string) (string, errKind) {
	i := 0
	for i < len(s) && (isLetter(s[i]) || s[i] == '/' || s[i] == '_' || (i > 0 && isDigit(s[i]))) {
		i++
	}
	word, rest := s[:i], s[i:]
	switch strings.ToLower(word) {
	case "bc":
		f.bc = true
	case "ad":
	case "z", "zulu", "utc", "gmt", "ut":
		f.hasZone, f.zoneOffset = true, 0
	default:
		loc, err := time.LoadLocation(word)
		if err != nil || f.hasZone || word == "Local" {
			return s, parseSyntax
		}
		f.hasZone, f.zoneName = true, loc
	}
	return rest, parseOK
}

// readDigits reads between lo and hi decimal digits.
func readDigits(s string, lo, hi int) (int64, string, bool) {
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	if i < lo || i > hi {
		return 0, s, false
	}
	v, _ := strconv.ParseInt(s[:i], 10, 64)
	return v, s[i:], true
}

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
