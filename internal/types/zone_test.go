package types

import (
	"testing"
	"time"
)

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// TestZoneTextIO checks timestamptz text input and output in a session
// zone against PostgreSQL 15's results.
func TestZoneTextIO(t *testing.T) {
	paris := mustZone(t, "Europe/Paris")
	cases := []struct {
		loc       *time.Location
		in, out   string
		outInPlan string // the same value's UTC text
	}{
		{paris, "2024-01-01 10:00:00", "2024-01-01 10:00:00+01", "2024-01-01 09:00:00+00"},
		{paris, "2024-07-01 10:00:00+00", "2024-07-01 12:00:00+02", "2024-07-01 10:00:00+00"},
		{paris, "2024-03-31 02:30:00", "2024-03-31 03:30:00+02", "2024-03-31 01:30:00+00"},
		{paris, "2024-10-27 02:30:00", "2024-10-27 02:30:00+01", "2024-10-27 01:30:00+00"},
		{mustZone(t, "Asia/Kolkata"), "2024-07-01 10:00:00+00", "2024-07-01 15:30:00+05:30", "2024-07-01 10:00:00+00"},
		{mustZone(t, "America/St_Johns"), "2024-07-01 10:00:00+00", "2024-07-01 07:30:00-02:30", "2024-07-01 10:00:00+00"},
		{mustZone(t, "Europe/Amsterdam"), "1900-07-01 10:00:00+00", "1900-07-01 10:19:32+00:19:32", "1900-07-01 10:00:00+00"},
		{time.FixedZone("", -(2*3600 + 30*60 + 15)), "2024-01-01 10:00:00+00", "2024-01-01 07:29:45-02:30:15", "2024-01-01 10:00:00+00"},
		{paris, "infinity", "infinity", "infinity"},
		{nil, "2024-01-01 10:00:00", "2024-01-01 10:00:00+00", "2024-01-01 10:00:00+00"},
	}
	for _, c := range cases {
		d, err := ParseTextIn(TimestampTZType, c.in, c.loc)
		if err != nil {
			t.Errorf("%s: %v", c.in, err)
			continue
		}
		if got := FormatTextIn(TimestampTZType, d, c.loc); got != c.out {
			t.Errorf("%s in %v: got %s want %s", c.in, c.loc, got, c.out)
		}
		if got := FormatText(TimestampTZType, d); got != c.outInPlan {
			t.Errorf("%s in %v: UTC text %s want %s", c.in, c.loc, got, c.outInPlan)
		}
	}
}

// TestCastIn checks the casts that read the session zone (PostgreSQL 15
// with TimeZone 'Europe/Paris').
func TestCastIn(t *testing.T) {
	paris := mustZone(t, "Europe/Paris")
	tz := func(s string) Datum {
		d, err := ParseText(TimestampTZType, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	cases := []struct {
		d        Datum
		from, to T
		want     string
	}{
		{tz("2024-01-01 09:00:00+00"), TimestampTZType, TimestampType, "2024-01-01 10:00:00"},
		{tz("2024-01-01 23:30:00+00"), TimestampTZType, DateType, "2024-01-02"},
		{tz("2024-01-01 10:00:00+00"), TimestampTZType, TextType, "2024-01-01 11:00:00+01"},
		{Timestamp(1704103200000000), TimestampType, TimestampTZType, "2024-01-01 09:00:00+00"}, // 2024-01-01 10:00
		{Date(19723), DateType, TimestampTZType, "2023-12-31 23:00:00+00"},                      // 2024-01-01
		{"2024-01-01 10:00", TextType, TimestampTZType, "2024-01-01 09:00:00+00"},
		{int64(3), Int4Type, Int8Type, "3"},
	}
	for _, c := range cases {
		got, err := CastIn(c.d, c.from, c.to, paris)
		if err != nil {
			t.Errorf("%v %s -> %s: %v", c.d, c.from, c.to, err)
			continue
		}
		if s := FormatText(c.to, got); s != c.want {
			t.Errorf("%v %s -> %s: got %s want %s", c.d, c.from, c.to, s, c.want)
		}
	}
}

func TestZoneSpecRoundTrip(t *testing.T) {
	at := time.Date(2024, 7, 1, 12, 0, 0, 0, time.UTC)
	for _, loc := range []*time.Location{time.UTC, mustZone(t, "Europe/Paris"), mustZone(t, "Asia/Kolkata"), time.FixedZone("+05:30", 19800), time.FixedZone("<+03>-3", 3*3600)} {
		spec := ZoneSpec(loc)
		got, err := LoadZoneSpec(spec)
		if err != nil {
			t.Fatalf("%s: %v", spec, err)
		}
		_, want := at.In(loc).Zone()
		if _, off := at.In(got).Zone(); off != want {
			t.Fatalf("%s: offset %d, want %d", spec, off, want)
		}
	}
	if _, err := LoadZoneSpec("fixed:x"); err == nil {
		t.Fatal("bad spec accepted")
	}
}
