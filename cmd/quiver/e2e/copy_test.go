package e2e

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgproto3"
)

// TestCopyFromPgx loads rows with pgx's CopyFrom (binary COPY, data sent
// before the server's CopyInResponse) and checks that a failing COPY
// leaves nothing behind.
func TestCopyFromPgx(t *testing.T) {
	s := sqlServer(t)
	conn := s.connect(t)
	ctx := testCtx(t)
	mustExec(t, conn, "CREATE TABLE cp (k INT PRIMARY KEY, name TEXT, score DOUBLE PRECISION, at TIMESTAMPTZ)")
	const n = 20000
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	rows := make([][]any, n)
	for i := range rows {
		var name any = fmt.Sprintf("name %d", i)
		if i%100 == 0 {
			name = nil
		}
		rows[i] = []any{int32(i), name, float64(i) / 4, base.Add(time.Duration(i) * time.Second)}
	}
	cols := []string{"k", "name", "score", "at"}
	got, err := conn.CopyFrom(ctx, pgx.Identifier{"cp"}, cols, pgx.CopyFromRows(rows))
	if err != nil || got != n {
		t.Fatalf("CopyFrom = %d, %v", got, err)
	}
	var count, nulls int64
	var sum float64
	var last time.Time
	err = conn.QueryRow(ctx, "SELECT count(*), count(*) - count(name), sum(score), max(at) FROM cp").Scan(&count, &nulls, &sum, &last)
	if err != nil || count != n || nulls != n/100 || sum != float64(n)*(n-1)/8 || !last.Equal(base.Add((n-1)*time.Second)) {
		t.Fatalf("count %d, nulls %d, sum %v, max %v, err %v", count, nulls, sum, last, err)
	}
	// One duplicate at the end: the whole COPY is undone.
	dup := [][]any{{int32(n), "new", 1.0, base}, {int32(n + 1), "new", 1.0, base}, {int32(5), "dup", 1.0, base}}
	_, err = conn.CopyFrom(ctx, pgx.Identifier{"cp"}, cols, pgx.CopyFromRows(dup))
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) || pgErr.Code != "23505" || pgErr.Where != "COPY cp, line 3" {
		t.Fatalf("duplicate: %v (%+v)", err, pgErr)
	}
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM cp").Scan(&count); err != nil || count != n {
		t.Fatalf("count after failed COPY = %d, %v", count, err)
	}
}

// TestCopyToPgconn reads a table and a query back with COPY TO STDOUT.
func TestCopyToPgconn(t *testing.T) {
	s := sqlServer(t)
	conn := s.connect(t)
	ctx := testCtx(t)
	mustExec(t, conn, "CREATE TABLE ct (k INT PRIMARY KEY, v TEXT)")
	mustExec(t, conn, `INSERT INTO ct VALUES (1, 'a,b'), (2, NULL), (3, 'tab	here')`)
	tests := []struct{ query, want string }{
		{"COPY (SELECT k, v FROM ct ORDER BY k) TO STDOUT", "1\ta,b\n2\t\\N\n3\ttab\\there\n"},
		{"COPY (SELECT k, v FROM ct ORDER BY k) TO STDOUT WITH (FORMAT csv, HEADER)", "k,v\n1,\"a,b\"\n2,\n3,tab\there\n"},
	}
	for _, tc := range tests {
		var out bytes.Buffer
		tag, err := conn.PgConn().CopyTo(ctx, &out, tc.query)
		if err != nil || tag.String() != "COPY 3" || out.String() != tc.want {
			t.Errorf("%s: tag %v, err %v, got %q, want %q", tc.query, tag, err, out.String(), tc.want)
		}
	}
	var out bytes.Buffer
	if _, err := conn.PgConn().CopyTo(ctx, &out, "COPY ct TO STDOUT"); err != nil || strings.Count(out.String(), "\n") != 3 {
		t.Errorf("COPY ct TO STDOUT: %v, %q", err, out.String())
	}
}

// TestPsqlCopy round-trips a CSV file through psql's \copy, and checks
// the error context of a bad line.
func TestPsqlCopy(t *testing.T) {
	s := sqlServer(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "in.csv")
	var sb strings.Builder
	sb.WriteString("ts,host,cpu\n")
	for i := range 3000 {
		fmt.Fprintf(&sb, "2024-01-01 00:%02d:%02d+00,\"host,%d\",%d.25\n", i/60%60, i%60, i%7, i)
	}
	if err := os.WriteFile(in, []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	mustPsql(t, s, "-c", "CREATE TABLE m (ts TIMESTAMPTZ, host TEXT, cpu DOUBLE PRECISION)")
	if got := mustPsql(t, s, "-c", fmt.Sprintf(`\copy m FROM '%s' WITH (FORMAT csv, HEADER)`, in)); got != "COPY 3000\n" {
		t.Fatalf("\\copy = %q", got)
	}
	if got := mustPsql(t, s, "-c", "SELECT count(*), count(DISTINCT host), sum(cpu) FROM m"); got != "3000|7|4499250\n" {
		t.Fatalf("loaded: %q", got)
	}
	out := filepath.Join(dir, "out.csv")
	mustPsql(t, s, "-c", fmt.Sprintf(`\copy (SELECT ts, host, cpu FROM m ORDER BY cpu) TO '%s' WITH (FORMAT csv, HEADER)`, out))
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != sb.String() {
		t.Fatalf("exported file differs: %q...", string(b[:min(len(b), 200)]))
	}
	// COPY FROM STDIN inside a script, with psql's \. end marker, then a
	// bad line.
	script := "COPY m (cpu, host) FROM STDIN;\n1.5\tx\n\\.\nSELECT count(*) FROM m WHERE host = 'x';\n"
	if got := mustPsql(t, s, "-f", writeFile(t, dir, "ok.sql", script)); got != "COPY 1\n1\n" {
		t.Fatalf("script: %q", got)
	}
	bad := "COPY m (cpu) FROM STDIN;\n1\n2\nx\n\\.\n"
	_, err = psql(t, s, "-f", writeFile(t, dir, "bad.sql", bad))
	var pe *psqlError
	if !asPsqlError(err, &pe) || !strings.Contains(pe.stderr, `invalid input syntax for type double precision: "x"`) ||
		!strings.Contains(pe.stderr, `COPY m, line 3, column cpu: "x"`) {
		t.Fatalf("bad COPY: %v", err)
	}
	if got := mustPsql(t, s, "-c", "SELECT count(*) FROM m"); got != "3001\n" {
		t.Fatalf("rows after the failed COPY: %q", got)
	}
}

func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestCopyExtendedProtocol runs COPY FROM STDIN and TO STDOUT through
// Parse, Bind, Describe and Execute.
func TestCopyExtendedProtocol(t *testing.T) {
	s := sqlServer(t)
	mustExec(t, s.connect(t), "CREATE TABLE ce (k INT PRIMARY KEY, v TEXT)")
	cfg, err := pgx.ParseConfig(s.conninfo())
	if err != nil {
		t.Fatal(err)
	}
	_, fe := startupAs(t, fmt.Sprintf("%s:%d", cfg.Host, cfg.Port), cfg.User, cfg.Database)
	got := roundTrip(t, fe, []pgproto3.FrontendMessage{
		&pgproto3.Parse{Query: "COPY ce FROM STDIN (FORMAT csv)"}, &pgproto3.Bind{},
		&pgproto3.Describe{ObjectType: 'P'}, &pgproto3.Execute{}, &pgproto3.Flush{},
	}, "CopyInResponse")
	if want := "ParseComplete BindComplete NoData CopyInResponse"; got != want {
		t.Fatalf("got %s, want %s", got, want)
	}
	got = roundTrip(t, fe, []pgproto3.FrontendMessage{
		&pgproto3.CopyData{Data: []byte("1,a\n2,")}, &pgproto3.CopyData{Data: []byte("b\n")},
		&pgproto3.CopyDone{}, &pgproto3.Sync{},
	}, "ReadyForQuery")
	if want := "CommandComplete(COPY 2) ReadyForQuery"; got != want {
		t.Fatalf("got %s, want %s", got, want)
	}
	got = roundTrip(t, fe, []pgproto3.FrontendMessage{
		&pgproto3.Parse{Query: "COPY (SELECT k, v FROM ce ORDER BY k) TO STDOUT"}, &pgproto3.Bind{},
		&pgproto3.Execute{}, &pgproto3.Sync{},
	}, "ReadyForQuery")
	want := "ParseComplete BindComplete CopyOutResponse CopyData(1\ta\n) CopyData(2\tb\n) CopyDone CommandComplete(COPY 2) ReadyForQuery"
	if got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

// startupAs opens a raw protocol session as user on database.
func startupAs(t *testing.T, addr, user, db string) (net.Conn, *pgproto3.Frontend) {
	t.Helper()
	nc, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { nc.Close() })
	_ = nc.SetDeadline(time.Now().Add(30 * time.Second))
	fe := pgproto3.NewFrontend(nc, nc)
	fe.Send(&pgproto3.StartupMessage{ProtocolVersion: pgproto3.ProtocolVersionNumber,
		Parameters: map[string]string{"user": user, "database": db}})
	if got := roundTrip(t, fe, nil, "ReadyForQuery"); !strings.HasSuffix(got, "ReadyForQuery") {
		t.Fatalf("startup: %s", got)
	}
	return nc, fe
}

// roundTrip sends msgs and lists the answers up to the first message of
// type until, skipping startup's messages.
func roundTrip(t *testing.T, fe *pgproto3.Frontend, msgs []pgproto3.FrontendMessage, until string) string {
	t.Helper()
	for _, m := range msgs {
		fe.Send(m)
	}
	if err := fe.Flush(); err != nil {
		t.Fatal(err)
	}
	var out []string
	for {
		msg, err := fe.Receive()
		if err != nil {
			t.Fatalf("after %v: %v", out, err)
		}
		name := strings.TrimPrefix(fmt.Sprintf("%T", msg), "*pgproto3.")
		switch m := msg.(type) {
		case *pgproto3.AuthenticationOk, *pgproto3.ParameterStatus, *pgproto3.BackendKeyData:
			continue
		case *pgproto3.ErrorResponse:
			name = fmt.Sprintf("Error(%s %s)", m.Code, m.Message)
		case *pgproto3.CommandComplete:
			name = fmt.Sprintf("CommandComplete(%s)", m.CommandTag)
		case *pgproto3.CopyData:
			name = fmt.Sprintf("CopyData(%s)", m.Data)
		}
		out = append(out, name)
		if name == until || strings.HasPrefix(name, "Error") && until != "ReadyForQuery" {
			return strings.Join(out, " ")
		}
	}
}
