package sql

import (
	"context"
	"strings"
	"testing"

	"github.com/quiverdb/quiver/internal/types"
)

// TestSetTimeZone checks the TimeZone forms PostgreSQL 15 accepts and
// the text SHOW prints for each.
func TestSetTimeZone(t *testing.T) {
	s := newTestSession(t)
	for _, c := range []struct{ set, show string }{
		{"SET TIME ZONE 'Europe/Paris'", "Europe/Paris"},
		{"SET TimeZone = 'europe/paris'", "Europe/Paris"},
		{"SET TIME ZONE 'utc'", "UTC"},
		{"SET TimeZone TO 'GMT'", "GMT"},
		{"SET TIME ZONE 5.5", "<+05:30>-05:30"},
		{"SET TIME ZONE -3", "<-03>+03"},
		{"SET TIME ZONE '5'", "<+05>-05"},
		{"SET TIME ZONE 0", "<+00>-00"},
		{"SET TIME ZONE INTERVAL '+02:00' HOUR TO MINUTE", "<+02>-02"},
		{"SET TIME ZONE INTERVAL '-02:30:15'", "<-02:30:15>+02:30:15"},
		{"SET TimeZone = '+02'", "<+02>-02"},
		{"SET TimeZone = 'UTC+3'", "UTC+3"},
		{"SET TimeZone = '<+03>-3'", "<+03>-3"},
		{"SET TimeZone = 'EST5EDT'", "EST5EDT"},
		{"SET TIME ZONE LOCAL", "UTC"},
		{"SET TIME ZONE 'Z'", `error (22023): invalid value for parameter "TimeZone": "Z"`},
		{"SET TIME ZONE 'Nowhere/Land'", `error (22023): invalid value for parameter "TimeZone": "Nowhere/Land"`},
		{"SET TIME ZONE 200", `error (22023): invalid value for parameter "TimeZone": "200"`},
		{"SET TIME ZONE INTERVAL '1 day'", `error (22023): invalid value for parameter "TimeZone": "INTERVAL '1 day'"`},
	} {
		w, e := run(s, c.set)
		if e != "" {
			if e != c.show {
				t.Errorf("%s: %s", c.set, e)
			}
			continue
		}
		if len(w.param) != 1 || w.param[0] != [2]string{"TimeZone", c.show} {
			t.Errorf("%s: ParameterStatus %v, want TimeZone=%s", c.set, w.param, c.show)
		}
		if got := transcript(s, "SHOW TimeZone"); got != "TimeZone:text "+c.show+" SHOW" {
			t.Errorf("%s: SHOW gives %s", c.set, got)
		}
	}
}

// TestSessionZoneValues checks zone-less timestamptz literals and the
// casts between timestamptz and wall-clock time in the session zone
// (PostgreSQL 15 with TimeZone 'Europe/Paris'); rows print in UTC here,
// as they reach pgwire, which writes them in Location().
func TestSessionZoneValues(t *testing.T) {
	s := newTestSession(t)
	mustRun(t, s, "CREATE TABLE z (k INT PRIMARY KEY, tz TIMESTAMPTZ, ts TIMESTAMP)")
	mustRun(t, s, "SET TIME ZONE 'Europe/Paris'")
	if got := s.Location().String(); got != "Europe/Paris" {
		t.Fatalf("Location %s", got)
	}
	mustRun(t, s, "INSERT INTO z VALUES (1, '2024-01-01 10:00:00', '2024-01-01 10:00:00')")
	for _, c := range []struct{ q, want string }{
		{"SELECT tz FROM z", "2024-01-01 09:00:00+00"},
		{"SELECT k FROM z WHERE tz = '2024-01-01 09:00:00+00'", "1"},
		{"SELECT '2024-01-01 10:00'::timestamptz::timestamp", "2024-01-01 10:00:00"},
		{"SELECT '2024-01-01 10:00'::timestamp::timestamptz", "2024-01-01 09:00:00+00"},
		{"SELECT '2024-01-01 23:30+00'::timestamptz::date", "2024-01-02"},
		{"SELECT '2024-01-01 10:00:00+00'::timestamptz::text", "2024-01-01 11:00:00+01"},
		{"SELECT '2024-03-31 02:30:00'::timestamptz", "2024-03-31 01:30:00+00"},
	} {
		w := mustRun(t, s, c.q)
		if got := strings.Join(w.out, ";"); got != c.want {
			t.Errorf("%s: got %s want %s", c.q, got, c.want)
		}
	}
	mustRun(t, s, "RESET TimeZone")
	w := mustRun(t, s, "SELECT '2024-01-01 10:00'::timestamptz")
	if got := strings.Join(w.out, ";"); got != "2024-01-01 10:00:00+00" {
		t.Errorf("after RESET: %s", got)
	}
}

// TestStartupTimeZone checks that a startup packet's TimeZone is the
// session's default.
func TestStartupTimeZone(t *testing.T) {
	srv := NewServer(Config{Meta: newFakeMeta(1), Shards: newFakeShards(), NodeID: 1})
	s, err := srv.NewSession(context.Background(), SessionParams{"user": "postgres", "database": "postgres", "TimeZone": "Asia/Kolkata"})
	if err != nil {
		t.Fatal(err)
	}
	ps := map[string]string{}
	for _, p := range s.ParameterStatus() {
		ps[p[0]] = p[1]
	}
	if ps["TimeZone"] != "Asia/Kolkata" {
		t.Fatalf("ParameterStatus TimeZone %q", ps["TimeZone"])
	}
	d, err := types.ParseTextIn(types.TimestampTZType, "2024-07-01 10:00:00+00", s.Location())
	if err != nil {
		t.Fatal(err)
	}
	if got := types.FormatTextIn(types.TimestampTZType, d, s.Location()); got != "2024-07-01 15:30:00+05:30" {
		t.Fatalf("text in session zone: %s", got)
	}
}
