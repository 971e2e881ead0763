package sql

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
)

// copyTestWriter is a SimpleWriter that also runs COPY: it serves in as
// CopyData chunks of chunk bytes (then CopyDone, or CopyFail when fail
// is set) and records what COPY TO sends.
type copyTestWriter struct {
	textWriter
	in       string
	chunk    int
	fail     string
	format   int16
	formats  []int16
	out      []string
	copyDone bool
}

func (w *copyTestWriter) CopyInResponse(format int16, cols []int16) error {
	w.format, w.formats = format, cols
	return nil
}

func (w *copyTestWriter) ReadCopyData() ([]byte, error) {
	if w.in == "" {
		if w.fail != "" {
			return nil, pgerror.Newf(pgerror.QueryCanceled, "COPY from stdin failed: %s", w.fail)
		}
		return nil, io.EOF
	}
	n := min(max(w.chunk, 1), len(w.in))
	b := []byte(w.in[:n])
	w.in = w.in[n:]
	return b, nil
}

func (w *copyTestWriter) CopyOutResponse(format int16, cols []int16) error {
	w.format, w.formats = format, cols
	return nil
}

func (w *copyTestWriter) CopyData(data []byte) error {
	w.out = append(w.out, string(data))
	return nil
}

func (w *copyTestWriter) CopyDone() error { w.copyDone = true; return nil }

// runCopyIn runs a COPY FROM STDIN query with data, returning its tag or
// error as "error (CODE): message [where]".
func runCopyIn(s *Session, query, data string, chunk int) string {
	w := &copyTestWriter{in: data, chunk: chunk}
	if err := s.ExecSimple(context.Background(), query, w); err != nil {
		e := pgerror.Flatten(err)
		return fmt.Sprintf("error (%s): %s [%s]", e.Code, e.Message, e.Where)
	}
	return strings.Join(w.tags, ",")
}

func runCopyOut(t *testing.T, s *Session, query string) *copyTestWriter {
	t.Helper()
	w := &copyTestWriter{}
	if err := s.ExecSimple(context.Background(), query, w); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return w
}

func TestCopyFromText(t *testing.T) {
	s := newTestSession(t)
	mustRun(t, s, "CREATE TABLE t (k int PRIMARY KEY, v text NOT NULL, d float8 DEFAULT 1.5)")
	if got := runCopyIn(s, "COPY t FROM STDIN", "1\ta\t2\n2\tb\\tc\t\\N\n\\.\n", 3); got != "COPY 2" {
		t.Fatal(got)
	}
	if got := runCopyIn(s, "COPY t (v, k) FROM STDIN WITH (FORMAT csv, HEADER)", "v,k\n\"x,y\",3\n", 4); got != "COPY 1" {
		t.Fatal(got)
	}
	w := mustRun(t, s, "SELECT k, v, d FROM t ORDER BY k")
	want := "1|a|2\n2|b\tc|null\n3|x,y|1.5"
	if got := strings.Join(w.out, "\n"); got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestCopyFromErrors(t *testing.T) {
	s := newTestSession(t)
	mustRun(t, s, "CREATE TABLE t (k int PRIMARY KEY, v text NOT NULL, d float8 DEFAULT 1.5)")
	tests := []struct{ query, data, want string }{
		{"COPY t FROM STDIN", "1\ta\t2\n2\tb\t3\nx\tc\t4\n",
			`error (22P02): invalid input syntax for type integer: "x" [COPY t, line 3, column k: "x"]`},
		{"COPY t (k) FROM STDIN", "1\n",
			`error (23502): null value in column "v" of relation "t" violates not-null constraint [COPY t, line 1: "1"]`},
		{"COPY t FROM STDIN", "1\ta\n",
			`error (22P04): missing data for column "d" [COPY t, line 1: "1	a"]`},
		{"COPY t FROM STDIN", "1\ta\t2\t3\n",
			`error (22P04): extra data after last expected column [COPY t, line 1: "1	a	2	3"]`},
		{"COPY t FROM STDIN (FORMAT csv, HEADER match)", "k,x,d\n",
			`error (22P04): column name mismatch in header line field 2: got "x", expected "v" [COPY t, line 1: "k,x,d"]`},
		{"COPY t FROM STDIN (FORMAT csv, HEADER match)", "k,v\n",
			`error (22P04): wrong number of fields in header line: got 2, expected 3 [COPY t, line 1: "k,v"]`},
		{"COPY t FROM STDIN (FORMAT csv)", "1,\"a\n",
			`error (22P04): unterminated CSV quoted field [COPY t, line 1: "1,"a"]`},
		{"COPY t FROM STDIN (FORMAT binary)", "xx",
			`error (22P04): COPY file signature not recognized [COPY t, line 0]`},
		{"COPY t FROM '/tmp/x'", "", `error (0A000): COPY to or from a file is not supported []`},
		{"COPY t TO PROGRAM 'cat'", "", `error (0A000): COPY to or from a file is not supported []`},
		{"COPY t FROM STDIN (FORMAT foo)", "", `error (22023): COPY format "foo" not recognized []`},
		{"COPY t FROM STDIN (DELIMITER 'ab')", "", `error (0A000): COPY delimiter must be a single one-byte character []`},
		{"COPY t FROM STDIN (FORMAT binary, DELIMITER ',')", "", `error (42601): cannot specify DELIMITER in BINARY mode []`},
		{"COPY t FROM STDIN (bogus 1)", "", `error (42601): option "bogus" not recognized []`},
		{"COPY t FROM STDIN (NULL 'a', NULL 'b')", "", `error (42601): conflicting or redundant options []`},
		{"COPY t FROM STDIN (QUOTE 'x')", "", `error (0A000): COPY quote available only in CSV mode []`},
		{"COPY t TO STDOUT (HEADER match)", "", `error (0A000): cannot use "match" with HEADER in COPY TO []`},
		{"COPY t (k, k) FROM STDIN", "", `error (42701): column "k" specified more than once []`},
		{"COPY t (z) FROM STDIN", "", `error (42703): column "z" of relation "t" does not exist []`},
		{"COPY nosuch FROM STDIN", "", `error (42P01): relation "nosuch" does not exist []`},
		{"COPY t FROM STDIN (FORMAT csv, FORCE_QUOTE (k))", "", `error (0A000): COPY force quote only available using COPY TO []`},
		{"COPY t (k) TO STDOUT (FORMAT csv, FORCE_QUOTE (v))", "", `error (42P10): FORCE_QUOTE column "v" not referenced by COPY []`},
	}
	for _, tc := range tests {
		if got := runCopyIn(s, tc.query, tc.data, 2); got != tc.want {
			t.Errorf("%s:\n got  %s\n want %s", tc.query, got, tc.want)
		}
	}
	if w := mustRun(t, s, "SELECT count(*) FROM t"); w.out[0] != "0" {
		t.Fatalf("failed COPYs left %s rows", w.out[0])
	}
}

func TestCopyFromDuplicate(t *testing.T) {
	s := newTestSession(t)
	mustRun(t, s, "CREATE TABLE t (k int PRIMARY KEY, v text)")
	mustRun(t, s, "INSERT INTO t VALUES (1, 'a')")
	want := `error (23505): duplicate key value violates unique constraint "t_pkey" [COPY t, line 3]`
	if got := runCopyIn(s, "COPY t FROM STDIN", "2\tb\n3\tc\n1\tb\n", 2); got != want {
		t.Fatalf("got %s", got)
	}
	if w := mustRun(t, s, "SELECT count(*) FROM t"); w.out[0] != "1" {
		t.Fatalf("%s rows, want 1", w.out[0])
	}
}

func TestCopyFromFail(t *testing.T) {
	s := newTestSession(t)
	mustRun(t, s, "CREATE TABLE t (k int PRIMARY KEY)")
	w := &copyTestWriter{in: "1\n2\n", chunk: 1, fail: "stop"}
	err := s.ExecSimple(context.Background(), "COPY t FROM STDIN", w)
	if pgerror.CodeOf(err) != pgerror.QueryCanceled || err.Error() != "COPY from stdin failed: stop" {
		t.Fatalf("got %v", err)
	}
}

// TestCopyFromAllOrNothing fails a COPY after many batches were written
// and checks that every one was undone.
func TestCopyFromAllOrNothing(t *testing.T) {
	srv := NewServer(Config{Meta: newFakeMeta(3), Shards: newFakeShards(), NodeID: 1})
	s := newSessionOn(t, srv, "postgres")
	mustRun(t, s, "CREATE TABLE m (ts timestamptz, host text, cpu float8 NOT NULL)")
	var sb strings.Builder
	rows := 3*copyBatchRows + 100
	for i := range rows {
		fmt.Fprintf(&sb, "2024-01-01 00:00:%02d+00,host_%d,%d.5\n", i%60, i%10, i)
	}
	good := sb.String()
	if got := runCopyIn(s, "COPY m FROM STDIN (FORMAT csv)", good, 8192); got != fmt.Sprintf("COPY %d", rows) {
		t.Fatal(got)
	}
	if n := srv.cfg.Shards.(*fakeShards).rowCount(); n != rows {
		t.Fatalf("%d rows stored, want %d", n, rows)
	}
	bad := good + "2024-01-01 00:00:00+00,h,\n"
	want := fmt.Sprintf(`error (23502): null value in column "cpu" of relation "m" violates not-null constraint [COPY m, line %d: "2024-01-01 00:00:00+00,h,"]`, rows+1)
	if got := runCopyIn(s, "COPY m FROM STDIN (FORMAT csv)", bad, 8192); got != want {
		t.Fatalf("got %s", got)
	}
	if n := srv.cfg.Shards.(*fakeShards).rowCount(); n != rows {
		t.Fatalf("%d rows stored after the failed COPY, want %d", n, rows)
	}
	w := mustRun(t, s, "SELECT count(*), sum(cpu) FROM m")
	sum := types.FormatText(types.Float8Type, float64(rows)*float64(rows-1)/2+0.5*float64(rows))
	if want := fmt.Sprintf("%d|%s", rows, sum); w.out[0] != want {
		t.Fatalf("got %s, want %s", w.out[0], want)
	}
}

func TestCopyTo(t *testing.T) {
	s := newTestSession(t)
	mustRun(t, s, "CREATE TABLE t (k int PRIMARY KEY, v text, d float8)")
	mustRun(t, s, `INSERT INTO t VALUES (1, 'a	b', 2.5), (2, NULL, NULL), (3, 'x,"y"', -1)`)
	tests := []struct{ query, want string }{
		{"COPY t TO STDOUT", "1\ta\\tb\t2.5\n|2\t\\N\t\\N\n|3\tx,\"y\"\t-1\n"},
		{"COPY t TO STDOUT (FORMAT csv, HEADER)", "k,v,d\n|1,a\tb,2.5\n|2,,\n|3,\"x,\"\"y\"\"\",-1\n"},
		{"COPY t (v) TO STDOUT WITH CSV FORCE QUOTE *", "\"a\tb\"\n|\n|\"x,\"\"y\"\"\"\n"},
		{"COPY (SELECT k * 2 AS kk FROM t WHERE k > 1 ORDER BY k) TO STDOUT (HEADER)", "kk\n|4\n|6\n"},
		{"COPY t TO STDOUT (DELIMITER ',', NULL 'NULL')", "1,a\\tb,2.5\n|2,NULL,NULL\n|3,x\\,\"y\",-1\n"},
	}
	for _, tc := range tests {
		w := runCopyOut(t, s, tc.query)
		// Shards return rows in any order: compare sorted rows after a header.
		if got := strings.Join(w.out, "|"); got != tc.want && !sameRows(w.out, strings.Split(tc.want, "|")) {
			t.Errorf("%s: got %q, want %q", tc.query, got, tc.want)
		}
		if !w.copyDone || w.tags[0] != "COPY 3" && w.tags[0] != "COPY 2" {
			t.Errorf("%s: done %v, tags %v", tc.query, w.copyDone, w.tags)
		}
	}
}

func sameRows(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[string]int{}
	for _, s := range a {
		seen[s]++
	}
	for _, s := range b {
		seen[s]--
	}
	for _, n := range seen {
		if n != 0 {
			return false
		}
	}
	return true
}

func TestCopyBinaryRoundTrip(t *testing.T) {
	s := newTestSession(t)
	mustRun(t, s, "CREATE TABLE t (k int PRIMARY KEY, v text, ts timestamptz)")
	mustRun(t, s, `INSERT INTO t VALUES (1, 'a', '2024-01-01 00:00:00+00'), (2, NULL, NULL)`)
	w := runCopyOut(t, s, "COPY t TO STDOUT (FORMAT binary)")
	if w.format != 1 || len(w.formats) != 3 || w.formats[2] != 1 {
		t.Fatalf("formats %d %v", w.format, w.formats)
	}
	data := strings.Join(w.out, "")
	if !strings.HasPrefix(data, binarySignature) || binary.BigEndian.Uint16([]byte(data[len(data)-2:])) != 0xffff {
		t.Fatalf("bad binary data %q", data)
	}
	mustRun(t, s, "CREATE TABLE u (k int PRIMARY KEY, v text, ts timestamptz)")
	if got := runCopyIn(s, "COPY u FROM STDIN WITH BINARY", data, 5); got != "COPY 2" {
		t.Fatal(got)
	}
	got := mustRun(t, s, "SELECT k, v, ts FROM u ORDER BY k")
	if want := "1|a|2024-01-01 00:00:00+00\n2|null|null"; strings.Join(got.out, "\n") != want {
		t.Fatalf("got %q", got.out)
	}
}

// TestCopyOldSyntax runs the pre-9.0 option syntax that clients still
// send (psql's \copy ... csv header, pgx's "from stdin binary").
func TestCopyOldSyntax(t *testing.T) {
	s := newTestSession(t)
	mustRun(t, s, "CREATE TABLE t (k int PRIMARY KEY, v text)")
	if got := runCopyIn(s, "COPY t FROM STDIN WITH CSV HEADER", "k,v\n1,a\n", 3); got != "COPY 1" {
		t.Fatal(got)
	}
	q := `COPY t FROM STDIN WITH DELIMITER ';' NULL 'x' CSV QUOTE '''' ESCAPE '\'`
	if got := runCopyIn(s, q, "2;'b;\\'c'\n3;x\n", 4); got != "COPY 2" {
		t.Fatal(got)
	}
	w := mustRun(t, s, "SELECT k, v FROM t ORDER BY k")
	if got := strings.Join(w.out, "\n"); got != "1|a\n2|b;'c\n3|null" {
		t.Fatalf("got %q", got)
	}
}

func TestCopyInvalidUTF8(t *testing.T) {
	s := newTestSession(t)
	mustRun(t, s, "CREATE TABLE t (k int PRIMARY KEY, v text)")
	want := `error (22021): invalid byte sequence for encoding "UTF8": 0xff [COPY t, line 1, column v: "a` + "\xff" + `"]`
	if got := runCopyIn(s, "COPY t FROM STDIN", "1\ta\xff\n", 8); got != want {
		t.Fatalf("got %q", got)
	}
}

func TestCopyForceNullOptions(t *testing.T) {
	s := newTestSession(t)
	mustRun(t, s, "CREATE TABLE t (k int PRIMARY KEY, a text, b text)")
	q := "COPY t FROM STDIN (FORMAT csv, FORCE_NOT_NULL (a), FORCE_NULL (b))"
	if got := runCopyIn(s, q, "1,,\"\"\n", 8); got != "COPY 1" {
		t.Fatal(got)
	}
	w := mustRun(t, s, "SELECT a IS NULL, b IS NULL FROM t")
	if w.out[0] != "f|t" {
		t.Fatalf("got %v", w.out)
	}
}

// TestCopyRepeatedValues loads consecutive rows that repeat and change
// values (the converted value of a repeated field is reused).
func TestCopyRepeatedValues(t *testing.T) {
	s := newTestSession(t)
	mustRun(t, s, "CREATE TABLE t (k int PRIMARY KEY, ts timestamptz, n numeric(6,2), v text)")
	data := "1\t2024-01-01 00:00:00+00\t1.5\ta\n2\t2024-01-01 00:00:00+00\t1.5\ta\n" +
		"3\t2024-01-01 00:00:01+00\t1.5\tb\n4\t2024-01-01 00:00:01+00\t\\N\tb\n5\t2024-01-01 00:00:01+00\t1.5\tc\n"
	if got := runCopyIn(s, "COPY t FROM STDIN", data, 7); got != "COPY 5" {
		t.Fatal(got)
	}
	w := mustRun(t, s, "SELECT k, ts, n, v FROM t ORDER BY k")
	want := "1|2024-01-01 00:00:00+00|1.50|a\n2|2024-01-01 00:00:00+00|1.50|a\n3|2024-01-01 00:00:01+00|1.50|b\n" +
		"4|2024-01-01 00:00:01+00|null|b\n5|2024-01-01 00:00:01+00|1.50|c"
	if got := strings.Join(w.out, "\n"); got != want {
		t.Fatalf("got %q", got)
	}
}
