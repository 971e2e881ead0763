package sql

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/quiverdb/quiver/internal/pgerror"
)

// A session's TimeZone is stored as the text SHOW prints; timeZone turns
// that text into a location. The forms are PostgreSQL's check_timezone's:
//   - an IANA name, any case: 'Europe/Paris' (shown in tzdata's case)
//   - a number of hours east of UTC: 5.5 (shown "<+05:30>-05:30")
//   - INTERVAL '+02:00' [HOUR TO MINUTE] (hours and minutes east)
//   - a POSIX zone without daylight rule: 'UTC+3', '<+03>-3' (west of
//     UTC is positive), shown as written.

// maxZoneOffset bounds numeric and interval zones (PostgreSQL:
// "UTC timezone offset is out of range").
const maxZoneOffset = 168 * 3600

// posixZone is "STD offset" with no daylight-saving part.
var posixZone = regexp.MustCompile(`^(<[+-]?[0-9A-Za-z]+>|[A-Za-z]{3,})([+-]?[0-9]{1,3})(?::([0-9]{2}))?(?::([0-9]{2}))?$`)

// zoneCache maps a stored TimeZone text to its location.
var zoneCache sync.Map

// timeZone returns the location of a stored TimeZone value.
func timeZone(v string) *time.Location {
	if loc, ok := zoneCache.Load(v); ok {
		return loc.(*time.Location)
	}
	loc, _, err := parseTimeZone(v)
	if err != nil {
		return time.UTC
	}
	zoneCache.Store(v, loc)
	return loc
}

// checkTimeZone normalises a TimeZone setting to the text SHOW prints.
func checkTimeZone(v string) (string, error) {
	loc, shown, err := parseTimeZone(v)
	if err != nil {
		return "", err
	}
	zoneCache.Store(shown, loc)
	return shown, nil
}

func parseTimeZone(v string) (*time.Location, string, error) {
	s := strings.TrimSpace(v)
	if iv, ok := intervalZoneText(s); ok {
		return intervalZone(v, iv)
	}
	if h, err := strconv.ParseFloat(s, 64); err == nil && !math.IsInf(h, 0) && !math.IsNaN(h) {
		return offsetZone(v, int64(math.Round(h*3600)))
	}
	if m := posixZone.FindStringSubmatch(s); m != nil {
		return posixFixedZone(v, s, m)
	}
	if loc, ok := loadZone(s); ok {
		return loc, loc.String(), nil
	}
	return nil, "", invalidZone(v, "")
}

func invalidZone(v, detail string) error {
	err := pgerror.Newf(pgerror.InvalidParameterValue, "invalid value for parameter \"TimeZone\": \"%s\"", v)
	if detail != "" {
		err = pgerror.WithDetail(err, detail)
	}
	return err
}

// offsetZone is a zone east of UTC by off seconds, shown in POSIX form.
func offsetZone(v string, off int64) (*time.Location, string, error) {
	if off <= -maxZoneOffset || off >= maxZoneOffset {
		return nil, "", invalidZone(v, "UTC timezone offset is out of range.")
	}
	posix := isoOffset(-off)
	if off == 0 {
		posix = "-00" // PostgreSQL's spelling of UTC in this form
	}
	shown := "<" + isoOffset(off) + ">" + posix
	return time.FixedZone(isoOffset(off), int(off)), shown, nil
}

// isoOffset writes an offset as +HH[:MM[:SS]].
func isoOffset(off int64) string {
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	s := fmt.Sprintf("%s%02d", sign, off/3600)
	if off%3600 != 0 {
		s += fmt.Sprintf(":%02d", off/60%60)
		if off%60 != 0 {
			s += fmt.Sprintf(":%02d", off%60)
		}
	}
	return s
}

// intervalZoneText extracts 'text' from INTERVAL 'text' (the form bindSet
// gives SET TIME ZONE INTERVAL ...).
func intervalZoneText(s string) (string, bool) {
	const prefix = "interval '"
	if len(s) < len(prefix)+1 || !strings.EqualFold(s[:len(prefix)], prefix) || !strings.HasSuffix(s, "'") {
		return "", false
	}
	return strings.ReplaceAll(s[len(prefix):len(s)-1], "''", "'"), true
}

// intervalZone reads an interval of hours, minutes and seconds:
// "[+-]HH:MM[:SS]" or "N hours M minutes".
func intervalZone(v, iv string) (*time.Location, string, error) {
	lower := strings.ToLower(iv)
	for _, unit := range []string{"day", "mon", "year", "week"} {
		if strings.Contains(lower, unit) {
			return nil, "", invalidZone(v, "Cannot specify days in time zone interval.")
		}
	}
	off, ok := clockSeconds(strings.TrimSpace(lower))
	if !ok {
		off, ok = unitSeconds(lower)
	}
	if !ok {
		return nil, "", pgerror.Newf(pgerror.InvalidDatetimeFormat, "invalid input syntax for type interval: \"%s\"", iv)
	}
	return offsetZone(v, off)
}

// clockSeconds reads [+-]H[:MM[:SS]] as seconds.
func clockSeconds(s string) (int64, bool) {
	sign := int64(1)
	if s != "" && (s[0] == '+' || s[0] == '-') {
		if s[0] == '-' {
			sign = -1
		}
		s = s[1:]
	}
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, false
	}
	var total int64
	for i, p := range parts {
		n, err := strconv.ParseInt(p, 10, 64)
		if err != nil || n < 0 || (i > 0 && n >= 60) {
			return 0, false
		}
		total = total*60 + n
	}
	if len(parts) == 2 {
		total *= 60
	}
	return sign * total, true
}

// unitSeconds reads "N hour[s] [M minute[s]] [S second[s]]".
func unitSeconds(s string) (int64, bool) {
	f := strings.Fields(s)
	if len(f) == 0 || len(f)%2 != 0 {
		return 0, false
	}
	var total int64
	for i := 0; i < len(f); i += 2 {
		n, err := strconv.ParseInt(f[i], 10, 64)
		if err != nil {
			return 0, false
		}
		switch strings.TrimSuffix(f[i+1], "s") {
		case "hour", "hr", "h":
			total += n * 3600
		case "minute", "min", "m":
			total += n * 60
		case "second", "sec":
			total += n
		default:
			return 0, false
		}
	}
	return total, true
}

// posixFixedZone reads "STD offset", whose offset counts hours west.
func posixFixedZone(v, s string, m []string) (*time.Location, string, error) {
	h, _ := strconv.ParseInt(m[2], 10, 64)
	sign := int64(1)
	if h < 0 || strings.HasPrefix(m[2], "-") {
		sign, h = -1, -h
	}
	west := h * 3600
	for i, p := range m[3:] {
		if p != "" {
			n, _ := strconv.ParseInt(p, 10, 64)
			west += n * []int64{60, 1}[i]
		}
	}
	off := -sign * west
	if off <= -maxZoneOffset || off >= maxZoneOffset {
		return nil, "", invalidZone(v, "UTC timezone offset is out of range.")
	}
	return time.FixedZone(strings.Trim(m[1], "<>"), int(off)), s, nil
}

// loadZone finds an IANA zone by name, ignoring case as PostgreSQL does.
func loadZone(name string) (*time.Location, bool) {
	if name == "" || strings.EqualFold(name, "local") || strings.Contains(name, "..") {
		return nil, false
	}
	for _, n := range []string{name, strings.ToUpper(name), titleZone(name)} {
		if loc, err := time.LoadLocation(n); err == nil {
			return loc, true
		}
	}
	return nil, false
}

// titleZone capitalises each word of a zone name: "america/new_york" →
// "America/New_York", the case tzdata's names mostly use.
func titleZone(name string) string {
	b := []rune(strings.ToLower(name))
	start := true
	for i, r := range b {
		if start {
			b[i] = unicode.ToUpper(r)
		}
		start = r == '/' || r == '_' || r == '-'
	}
	return string(b)
}
