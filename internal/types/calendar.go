package types

import "math"

// Calendar arithmetic on the proleptic Gregorian calendar with astronomical
// year numbering (1 BC is year 0), as PostgreSQL uses internally.

const (
	usPerSecond = int64(1_000_000)
	usPerMinute = 60 * usPerSecond
	usPerHour   = 60 * usPerMinute
	usPerDay    = 24 * usPerHour

	// pgEpochDays is 2000-01-01 (PostgreSQL's epoch) in days since 1970.
	pgEpochDays = 10957
	// pgEpochMicros is 2000-01-01 in microseconds since 1970.
	pgEpochMicros = pgEpochDays * usPerDay

	// minDateDays and maxDateDays bound PostgreSQL's date range: Julian day
	// 0 (4714-11-24 BC) up to 5874897-12-31, in days since 1970.
	minDateDays = -2440588
	maxDateDays = 2147483494 - 2440588 - 1

	// minTimestamp and endTimestamp bound finite timestamps, in
	// microseconds since 1970: from 4714-11-24 BC as in PostgreSQL, up to
	// the largest int64 below the infinity sentinel (PostgreSQL goes on to
	// 294276 AD; Quiver stops in 294247 AD because its epoch is 1970).
	minTimestamp = int64(-211813488000000000) + pgEpochMicros
	endTimestamp = int64(math.MaxInt64)
	// maxTimestampDays is the last day whose midnight fits in a Timestamp.
	maxTimestampDays = endTimestamp/usPerDay - 1
)

// Infinite dates and timestamps.
const (
	DateInfinity          = Date(math.MaxInt32)
	DateNegInfinity       = Date(math.MinInt32)
	TimestampInfinity     = Timestamp(math.MaxInt64)
	TimestampNegInfinity  = Timestamp(math.MinInt64)
	daysPer400Years       = 146097
	civilShiftToMarchBase = 719468 // days from 0000-03-01 to 1970-01-01
)

// daysFromCivil returns the days since 1970-01-01 of the date y-m-d
// (astronomical year, month 1..12, day 1..31).
func daysFromCivil(y, m, d int64) int64 {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400 // [0, 399]
	mp := (m + 9) % 12 // March is 0
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*daysPer400Years + doe - civilShiftToMarchBase
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(days int64) (y, m, d int64) {
	z := days + civilShiftToMarchBase
	era := floorDiv(z, daysPer400Years)
	doe := z - era*daysPer400Years
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	y = yoe + era*400
	if m <= 2 {
		y++
	}
	return y, m, d
}

// daysInMonth returns the length of month m of astronomical year y.
func daysInMonth(y, m int64) int64 {
	switch m {
	case 2:
		if isLeap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func isLeap(y int64) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// floorDiv divides rounding toward negative infinity.
func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// validDate reports whether d is within PostgreSQL's finite date range.
func validDate(days int64) bool { return days >= minDateDays && days <= maxDateDays }

// validTimestamp reports whether us is within PostgreSQL's finite
// timestamp range.
func validTimestamp(us int64) bool { return us >= minTimestamp && us < endTimestamp }
