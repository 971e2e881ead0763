package exec

import (
	"strings"
	"time"

	"github.com/cockroachdb/apd/v3"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
)

// This file holds extract, date_part and date_trunc over timestamp,
// timestamptz and date. A timestamptz is read as wall-clock time in the
// zone named by an optional last argument (types.ZoneSpec; the binder
// adds the session's), as PostgreSQL reads it in the session TimeZone.

const usPerSec = 1_000_000

// zoneArg caches the location of a constant zone argument.
type zoneArg struct {
	spec string
	loc  *time.Location
}

func (z *zoneArg) get(ds []types.Datum, i int) (*time.Location, error) {
	if len(ds) <= i {
		return time.UTC, nil
	}
	spec, _ := ds[i].(string)
	if z.loc == nil || spec != z.spec {
		loc, err := types.LoadZoneSpec(spec)
		if err != nil {
			return nil, err
		}
		z.spec, z.loc = spec, loc
	}
	return z.loc, nil
}

// micros returns a timestamp, timestamptz or date datum as microseconds
// since 1970-01-01 UTC, and whether it is infinite (then sign holds ±1).
func micros(d types.Datum) (us int64, sign int) {
	switch v := d.(type) {
	case types.Timestamp:
		switch v {
		case types.TimestampInfinity:
			return 0, 1
		case types.TimestampNegInfinity:
			return 0, -1
		}
		return int64(v), 0
	case types.Date:
		switch v {
		case types.DateInfinity:
			return 0, 1
		case types.DateNegInfinity:
			return 0, -1
		}
		return int64(v) * 86_400 * usPerSec, 0
	}
	return 0, 0
}

// extractFunc is extract (numeric result) or date_part (float8).
func extractFunc(numericResult bool) funcImpl {
	return func(args []types.T, ret types.T) (rowFunc, error) {
		if err := wantArgs("extract", args, 2, 3); err != nil {
			return nil, err
		}
		src := args[1]
		var zone zoneArg
		return func(ds []types.Datum) (types.Datum, error) {
			loc, err := zone.get(ds, 2)
			if err != nil {
				return nil, err
			}
			field := strings.ToLower(ds[0].(string))
			v, err := extractField(field, src, ds[1], loc)
			if err != nil {
				return nil, err
			}
			if numericResult {
				return v, nil
			}
			f, _ := v.Float64()
			return f, nil
		}, nil
	}
}

// extractField returns field of d (of type src) as PostgreSQL's
// extract does: a numeric with the field's scale.
func extractField(field string, src types.T, d types.Datum, loc *time.Location) (*apd.Decimal, error) {
	us, inf := micros(d)
	if inf != 0 {
		if field == "epoch" || field == "year" || field == "decade" || field == "century" || field == "millennium" || field == "julian" {
			return infiniteDecimal(inf), nil
		}
		return nil, nil
	}
	isDate := src.Family == types.DateFamily
	if field == "epoch" {
		if isDate {
			return apd.New(us/usPerSec, 0), nil
		}
		return apd.New(us, -6), nil
	}
	t := time.UnixMicro(us).UTC()
	if src.Family == types.TimestampTZFamily {
		t = t.In(loc)
	}
	if isDate {
		switch field {
		case "hour", "minute", "second", "milliseconds", "microseconds", "timezone", "timezone_hour", "timezone_minute":
			return nil, pgerror.Newf(pgerror.InvalidParameterValue, "unit \"%s\" not supported for type date", field)
		}
	}
	sub := int64(t.Nanosecond()/1000) + int64(t.Second())*usPerSec
	switch field {
	case "year":
		return apd.New(int64(t.Year()), 0), nil
	case "quarter":
		return apd.New(int64((t.Month()-1)/3+1), 0), nil
	case "month":
		return apd.New(int64(t.Month()), 0), nil
	case "week":
		_, w := t.ISOWeek()
		return apd.New(int64(w), 0), nil
	case "day":
		return apd.New(int64(t.Day()), 0), nil
	case "hour":
		return apd.New(int64(t.Hour()), 0), nil
	case "minute":
		return apd.New(int64(t.Minute()), 0), nil
	case "second":
		return apd.New(sub, -6), nil
	case "milliseconds":
		return apd.New(sub, -3), nil
	case "microseconds":
		return apd.New(sub, 0), nil
	case "dow":
		return apd.New(int64(t.Weekday()), 0), nil
	case "isodow":
		wd := int64(t.Weekday())
		if wd == 0 {
			wd = 7
		}
		return apd.New(wd, 0), nil
	case "doy":
		return apd.New(int64(t.YearDay()), 0), nil
	case "decade":
		return apd.New(floorDivInt(int64(t.Year()), 10), 0), nil
	}
	return nil, pgerror.Newf(pgerror.InvalidParameterValue, "unit \"%s\" not supported for type %s", field, src)
}

func floorDivInt(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func infiniteDecimal(sign int) *apd.Decimal {
	d := &apd.Decimal{Form: apd.Infinite}
	d.Negative = sign < 0
	return d
}

// dateTruncFunc is date_trunc(field, timestamp[tz]).
func dateTruncFunc(args []types.T, ret types.T) (rowFunc, error) {
	if err := wantArgs("date_trunc", args, 2, 3); err != nil {
		return nil, err
	}
	src := args[1]
	var zone zoneArg
	return func(ds []types.Datum) (types.Datum, error) {
		loc, err := zone.get(ds, 2)
		if err != nil {
			return nil, err
		}
		us, inf := micros(ds[1])
		if inf != 0 {
			return ds[1], nil
		}
		if src.Family != types.TimestampTZFamily {
			loc = time.UTC
		}
		t := time.UnixMicro(us).In(loc)
		y, mo, d := t.Date()
		h, mi, s := t.Clock()
		ns := t.Nanosecond()
		switch strings.ToLower(ds[0].(string)) {
		case "microseconds":
		case "milliseconds":
			ns = ns / 1_000_000 * 1_000_000
		case "second":
			ns = 0
		case "minute":
			s, ns = 0, 0
		case "hour":
			mi, s, ns = 0, 0, 0
		case "day":
			h, mi, s, ns = 0, 0, 0, 0
		case "week":
			wd := (int(t.Weekday()) + 6) % 7 // days since Monday
			d -= wd
			h, mi, s, ns = 0, 0, 0, 0
		case "month":
			d, h, mi, s, ns = 1, 0, 0, 0, 0
		case "quarter":
			mo = (mo-1)/3*3 + 1
			d, h, mi, s, ns = 1, 0, 0, 0, 0
		case "year":
			mo, d, h, mi, s, ns = 1, 1, 0, 0, 0, 0
		default:
			return nil, pgerror.Newf(pgerror.InvalidParameterValue, "unit \"%s\" not recognized for type %s", ds[0], src)
		}
		out := time.Date(y, mo, d, h, mi, s, ns, loc)
		return types.Timestamp(out.UnixMicro()), nil
	}, nil
}
