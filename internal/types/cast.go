package types

import (
	"math"
	"strconv"

	"github.com/cockroachdb/apd/v3"
	"github.com/quiverdb/quiver/internal/pgerror"
)

// Cast converts d (non-NULL) from type from to type to as an explicit
// CAST does, applying to's modifiers. Unsupported pairs are 42846.
func Cast(d Datum, from, to T) (Datum, error) {
	switch {
	case from.IsString() || from.Family == UnknownFamily:
		s, ok := d.(string)
		if !ok {
			return nil, errWrongDatum(from, d)
		}
		if to.IsString() || to.Family == UnknownFamily {
			return fitVarchar(to, s, true /* truncate */)
		}
		return ParseText(to, s)
	case to.IsString():
		return fitVarchar(to, castText(d, from), true /* truncate */)
	}
	switch to.Family {
	case Int2Family, Int4Family, Int8Family:
		return castToInt(d, from, to)
	case Float4Family, Float8Family:
		return castToFloat(d, from, to)
	case NumericFamily:
		return castToNumeric(d, from, to)
	case BoolFamily:
		return castToBool(d, from, to)
	case DateFamily, TimestampFamily, TimestampTZFamily:
		return castToDateTime(d, from, to)
	}
	return nil, errCannotCast(from, to)
}

// castText is the text form of a cast to text: output format, except that
// booleans spell true and false (booltext).
func castText(d Datum, from T) string {
	if b, ok := d.(bool); ok {
		if b {
			return "true"
		}
		return "false"
	}
	return FormatText(from, d)
}

func castToInt(d Datum, from, to T) (Datum, error) {
	switch v := d.(type) {
	case int64:
		return checkIntRange(to, v, true)
	case float64:
		r := math.RoundToEven(v)
		if math.IsNaN(r) || r < -0x1p63 || r >= 0x1p63 {
			return nil, errIntOutOfRange(to)
		}
		return checkIntRange(to, int64(r), true)
	case *Decimal:
		return numericToInt(v, to)
	case bool:
		if to.Family == Int4Family && v {
			return int64(1), nil
		} else if to.Family == Int4Family {
			return int64(0), nil
		}
	}
	return nil, errCannotCast(from, to)
}

// numericToInt rounds half away from zero, as numeric_int4 does.
func numericToInt(d *Decimal, to T) (Datum, error) {
	switch d.Form {
	case apd.Finite:
	case apd.Infinite:
		return nil, pgerror.Newf(pgerror.FeatureNotSupported, "cannot convert infinity to %s", typeName(to))
	default:
		return nil, pgerror.Newf(pgerror.FeatureNotSupported, "cannot convert NaN to %s", typeName(to))
	}
	if intDigits(d) > 19 {
		return nil, errIntOutOfRange(to)
	}
	r := roundNumeric(d, 0)
	if !r.Coeff.IsInt64() {
		return nil, errIntOutOfRange(to)
	}
	v := r.Coeff.Int64()
	if r.Negative {
		v = -v
	}
	return checkIntRange(to, v, true)
}

func castToFloat(d Datum, from, to T) (Datum, error) {
	switch v := d.(type) {
	case int64:
		return roundFloat(to, float64(v)), nil
	case float64:
		r := roundFloat(to, v)
		switch {
		case math.IsInf(r, 0) && !math.IsInf(v, 0):
			return nil, errFloatOverflow
		case r == 0 && v != 0:
			return nil, errFloatUnderflow
		}
		return r, nil
	case *Decimal:
		return parseFloat(to, FormatText(NumericType, v))
	}
	return nil, errCannotCast(from, to)
}

func castToNumeric(d Datum, from, to T) (Datum, error) {
	var n *Decimal
	switch v := d.(type) {
	case int64:
		n = apd.New(v, 0)
	case float64:
		n = floatToNumeric(v, from)
	case *Decimal:
		n = v
	default:
		return nil, errCannotCast(from, to)
	}
	return applyNumericTypmod(n, to)
}

// floatToNumeric keeps DBL_DIG (15) or FLT_DIG (6) significant digits, as
// float8_numeric and float4_numeric do.
func floatToNumeric(f float64, from T) *Decimal {
	switch {
	case math.IsNaN(f):
		return decNaN
	case math.IsInf(f, 0):
		return infinity(f < 0)
	}
	digits := 15
	if from.Family == Float4Family {
		digits = 6
	}
	n, err := parseNumeric(strconv.FormatFloat(f, 'g', digits, 64))
	if err != nil {
		return decNaN // unreachable: strconv output is valid numeric input
	}
	return n
}

// castToBool accepts only integer (int4) input, as PostgreSQL does.
func castToBool(d Datum, from, to T) (Datum, error) {
	switch v := d.(type) {
	case bool:
		return v, nil
	case int64:
		if from.Family == Int4Family {
			return v != 0, nil
		}
	}
	return nil, errCannotCast(from, to)
}

// castToDateTime converts among date, timestamp and timestamptz (the
// session time zone is UTC, so timestamp and timestamptz share values).
func castToDateTime(d Datum, from, to T) (Datum, error) {
	switch v := d.(type) {
	case Date:
		if to.Family == DateFamily {
			return v, nil
		}
		return dateToTimestamp(v)
	case Timestamp:
		if to.Family != DateFamily {
			return v, nil
		}
		return timestampToDate(v), nil
	}
	return nil, errCannotCast(from, to)
}

func dateToTimestamp(d Date) (Datum, error) {
	switch {
	case d == DateInfinity:
		return TimestampInfinity, nil
	case d == DateNegInfinity:
		return TimestampNegInfinity, nil
	case int64(d) > maxTimestampDays:
		return nil, pgerror.New(pgerror.DatetimeFieldOverflow, "date out of range for timestamp")
	}
	return Timestamp(int64(d) * usPerDay), nil
}

func timestampToDate(ts Timestamp) Date {
	switch ts {
	case TimestampInfinity:
		return DateInfinity
	case TimestampNegInfinity:
		return DateNegInfinity
	}
	return Date(floorDiv(int64(ts), usPerDay))
}
