package types

import (
	"strconv"
	"strings"
	"time"

	"github.com/quiverdb/quiver/internal/pgerror"
)

// This file gives timestamptz its session time zone: text input and
// output and the casts that read or write wall-clock time. A nil or UTC
// location is PostgreSQL's TimeZone 'UTC', which the zone-less functions
// (ParseText, AppendText, Cast) assume.

// ParseTextIn is ParseText with a zone-less timestamptz read as a
// wall-clock time in loc.
func ParseTextIn(t T, s string, loc *time.Location) (Datum, error) {
	if t.Family != TimestampTZFamily || isUTC(loc) {
		return ParseText(t, s)
	}
	return parseTimestamp(t, s, loc)
}

// AppendTextIn is AppendText with timestamptz shown in loc, as
// PostgreSQL's timestamptz_out: "2024-01-01 10:00:00+02", "+05:30".
func AppendTextIn(buf []byte, t T, d Datum, loc *time.Location) []byte {
	ts, ok := d.(Timestamp)
	if !ok || t.Family != TimestampTZFamily || isUTC(loc) || ts == TimestampInfinity || ts == TimestampNegInfinity {
		return AppendText(buf, t, d)
	}
	off := offsetAt(int64(ts), loc)
	wall := int64(ts) + off*usPerSecond
	days := floorDiv(wall, usPerDay)
	y, m, dd := civilFromDays(days)
	buf, bc := appendYMD(buf, y, m, dd)
	buf = append(buf, ' ')
	buf = appendClock(buf, wall-days*usPerDay)
	buf = appendOffset(buf, off)
	if bc {
		buf = append(buf, " BC"...)
	}
	return buf
}

// FormatTextIn returns AppendTextIn as a string.
func FormatTextIn(t T, d Datum, loc *time.Location) string {
	return string(AppendTextIn(nil, t, d, loc))
}

// CastIn is Cast with the session zone loc for the casts that move
// between timestamptz and wall-clock time: to and from timestamp, date
// and text.
func CastIn(d Datum, from, to T, loc *time.Location) (Datum, error) {
	if d == nil || isUTC(loc) || (from.Family != TimestampTZFamily) == (to.Family != TimestampTZFamily) {
		return Cast(d, from, to)
	}
	if to.Family == TimestampTZFamily {
		return castToTimestampTZ(d, from, to, loc)
	}
	ts, ok := d.(Timestamp)
	if !ok || ts == TimestampInfinity || ts == TimestampNegInfinity {
		return Cast(d, from, to)
	}
	switch {
	case to.IsString():
		return Cast(FormatTextIn(from, d, loc), TextType, to)
	case to.Family == TimestampFamily || to.Family == DateFamily:
		wall := Timestamp(int64(ts) + offsetAt(int64(ts), loc)*usPerSecond)
		return Cast(wall, TimestampType, to)
	}
	return Cast(d, from, to)
}

func castToTimestampTZ(d Datum, from, to T, loc *time.Location) (Datum, error) {
	switch {
	case from.IsString() || from.Family == UnknownFamily:
		s, _ := d.(string)
		return ParseTextIn(to, s, loc)
	case from.Family == TimestampFamily || from.Family == DateFamily:
		v, err := Cast(d, from, TimestampType)
		if err != nil {
			return nil, err
		}
		ts := v.(Timestamp)
		if ts == TimestampInfinity || ts == TimestampNegInfinity {
			return ts, nil
		}
		return Timestamp(localToUTC(int64(ts), loc)), nil
	}
	return Cast(d, from, to)
}

func isUTC(loc *time.Location) bool { return loc == nil || loc == time.UTC }

// offsetAt returns loc's offset east of UTC, in seconds, at the instant
// us (microseconds since the epoch).
func offsetAt(us int64, loc *time.Location) int64 {
	_, off := time.Unix(floorDiv(us, usPerSecond), 0).In(loc).Zone()
	return int64(off)
}

// localToUTC converts the wall-clock time wall in loc to an instant as
// PostgreSQL's DetermineTimeZoneOffset does: an ambiguous time (clocks
// set back) takes the later offset, a time in a gap (clocks set forward)
// the offset before the gap.
func localToUTC(wall int64, loc *time.Location) int64 {
	const day = 24 * 3600 * usPerSecond
	before := offsetAt(wall-day, loc)
	after := offsetAt(wall+day, loc)
	if offsetAt(wall-after*usPerSecond, loc) == after {
		return wall - after*usPerSecond
	}
	if offsetAt(wall-before*usPerSecond, loc) == before {
		return wall - before*usPerSecond
	}
	return wall - before*usPerSecond
}

// appendOffset writes a UTC offset as timestamptz_out does: +HH, then
// :MM and :SS only when they are not zero.
func appendOffset(buf []byte, off int64) []byte {
	sign := byte('+')
	if off < 0 {
		sign, off = '-', -off
	}
	buf = append(buf, sign)
	buf = appendPadded(buf, off/3600, 2)
	if off%3600 != 0 {
		buf = append(buf, ':')
		buf = appendPadded(buf, off/60%60, 2)
		if off%60 != 0 {
			buf = append(buf, ':')
			buf = appendPadded(buf, off%60, 2)
		}
	}
	return buf
}

// ZoneSpec names loc so that LoadZoneSpec gives it back on any node: its
// IANA name, or "fixed:<seconds east of UTC>" for a fixed offset. Plan
// fragments carry zones this way.
func ZoneSpec(loc *time.Location) string {
	if isUTC(loc) {
		return ""
	}
	if _, err := time.LoadLocation(loc.String()); err == nil {
		return loc.String()
	}
	_, off := time.Unix(0, 0).In(loc).Zone()
	return "fixed:" + strconv.Itoa(off)
}

// LoadZoneSpec returns the location that ZoneSpec named; "" is UTC.
func LoadZoneSpec(spec string) (*time.Location, error) {
	if spec == "" {
		return time.UTC, nil
	}
	if s, ok := strings.CutPrefix(spec, "fixed:"); ok {
		off, err := strconv.Atoi(s)
		if err != nil {
			return nil, pgerror.Newf(pgerror.InvalidParameterValue, "invalid time zone %q", spec)
		}
		return time.FixedZone(s, off), nil
	}
	loc, err := time.LoadLocation(spec)
	if err != nil {
		return nil, pgerror.Newf(pgerror.InvalidParameterValue, "invalid time zone %q", spec)
	}
	return loc, nil
}
