package pgwire

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgproto3"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/sql"
)

// copySession adds COPY statements to fakeSession:
//
//	COPY IN          reads the data; tag COPY <number of lines>
//	COPY IN FAIL     reads one chunk, then fails with 22P02
//	COPY OUT         sends two text rows
type copySession struct {
	*fakeSession
	mu  *sync.Mutex
	got *[]string // data received by COPY IN
}

func (s *copySession) ExecSimple(ctx context.Context, query string, w sql.SimpleWriter) error {
	switch query {
	case "COPY IN", "COPY IN FAIL":
		return s.copyIn(w.(sql.CopyInWriter), query == "COPY IN FAIL", w)
	case "COPY OUT":
		out := w.(sql.CopyOutWriter)
		if err := out.CopyOutResponse(0, []int16{0, 0}); err != nil {
			return err
		}
		for _, row := range []string{"1\ta\n", "2\tb\n"} {
			if err := out.CopyData([]byte(row)); err != nil {
				return err
			}
		}
		if err := out.CopyDone(); err != nil {
			return err
		}
		return w.Complete("COPY 2")
	}
	return s.fakeSession.ExecSimple(ctx, query, w)
}

func (s *copySession) copyIn(in sql.CopyInWriter, fail bool, w sql.SimpleWriter) error {
	if err := in.CopyInResponse(0, []int16{0, 0}); err != nil {
		return err
	}
	var data []byte
	for {
		chunk, err := in.ReadCopyData()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if fail {
			return pgerror.New(pgerror.InvalidTextRepresentation, "bad data")
		}
		data = append(data, chunk...)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	s.mu.Lock()
	*s.got = append(*s.got, lines...)
	s.mu.Unlock()
	return w.Complete(fmt.Sprintf("COPY %d", len(lines)))
}

// startCopyServer serves copySessions; it returns the address and the
// lines COPY IN received.
func startCopyServer(t *testing.T) (string, func() []string) {
	var mu sync.Mutex
	var got []string
	open := func(ctx context.Context, p sql.SessionParams) (session, error) {
		fs, err := openFake(ctx, p)
		if err != nil {
			return nil, err
		}
		return &copySession{fakeSession: fs.(*fakeSession), mu: &mu, got: &got}, nil
	}
	return serveOnFreePort(t, newServer(open, Config{})), func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), got...)
	}
}

func connectPgconn(t *testing.T, addr string) *pgconn.PgConn {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	host, port, _ := net.SplitHostPort(addr)
	c, err := pgconn.Connect(ctx, fmt.Sprintf("host=%s port=%s user=postgres dbname=postgres sslmode=disable", host, port))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close(context.Background()) })
	return c
}

// TestCopyInPgconn sends data the way pgconn does: before the
// CopyInResponse arrives, in several CopyData messages.
func TestCopyInPgconn(t *testing.T) {
	addr, got := startCopyServer(t)
	c := connectPgconn(t, addr)
	ctx := context.Background()
	var data strings.Builder
	for i := range 5000 {
		fmt.Fprintf(&data, "%d\trow %d\n", i, i)
	}
	tag, err := c.CopyFrom(ctx, strings.NewReader(data.String()), "COPY IN")
	if err != nil || tag.String() != "COPY 5000" {
		t.Fatalf("tag %v, err %v", tag, err)
	}
	if lines := got(); len(lines) != 5000 || lines[4999] != "4999\trow 4999" {
		t.Fatalf("server got %d lines", len(lines))
	}
	// A failed COPY: the server answers with the error and skips the rest
	// of the data; the connection goes on.
	_, err = c.CopyFrom(ctx, strings.NewReader(data.String()), "COPY IN FAIL")
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) || pgErr.Code != "22P02" {
		t.Fatalf("got %v", err)
	}
	if _, err := c.Exec(ctx, "SELECT 1, 2").ReadAll(); err != nil {
		t.Fatal(err)
	}
}

func TestCopyOutPgconn(t *testing.T) {
	addr, _ := startCopyServer(t)
	c := connectPgconn(t, addr)
	var out bytes.Buffer
	tag, err := c.CopyTo(context.Background(), &out, "COPY OUT")
	if err != nil || tag.String() != "COPY 2" || out.String() != "1\ta\n2\tb\n" {
		t.Fatalf("tag %v, err %v, out %q", tag, err, out.String())
	}
}

// rawFrontend hijacks a started connection for hand-made messages.
func rawFrontend(t *testing.T, addr string) *pgproto3.Frontend {
	c := connectPgconn(t, addr)
	hc, err := c.Hijack()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { hc.Conn.Close() })
	_ = hc.Conn.SetDeadline(time.Now().Add(10 * time.Second))
	return hc.Frontend
}

// exchange sends msgs and returns the types of the answers up to
// ReadyForQuery, with the error's code and message.
func exchange(t *testing.T, fe *pgproto3.Frontend, msgs ...pgproto3.FrontendMessage) string {
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
			t.Fatal(err)
		}
		switch m := msg.(type) {
		case *pgproto3.ErrorResponse:
			out = append(out, fmt.Sprintf("Error(%s %s)", m.Code, m.Message))
		case *pgproto3.CommandComplete:
			out = append(out, fmt.Sprintf("Complete(%s)", m.CommandTag))
		case *pgproto3.ReadyForQuery:
			return strings.Join(append(out, "Ready"), " ")
		default:
			out = append(out, strings.TrimPrefix(fmt.Sprintf("%T", msg), "*pgproto3."))
		}
	}
}

func TestCopyInRawMessages(t *testing.T) {
	addr, got := startCopyServer(t)
	fe := rawFrontend(t, addr)
	tests := []struct {
		name string
		msgs []pgproto3.FrontendMessage
		want string
	}{
		{"copy fail", []pgproto3.FrontendMessage{&pgproto3.Query{String: "COPY IN"},
			&pgproto3.CopyData{Data: []byte("1\n")}, &pgproto3.CopyFail{Message: "boom"}},
			"CopyInResponse Error(57014 COPY from stdin failed: boom) Ready"},
		{"flush and sync are ignored", []pgproto3.FrontendMessage{&pgproto3.Query{String: "COPY IN"},
			&pgproto3.CopyData{Data: []byte("x\ny")}, &pgproto3.Flush{}, &pgproto3.Sync{},
			&pgproto3.CopyData{Data: []byte("z\n")}, &pgproto3.CopyDone{}},
			"CopyInResponse Complete(COPY 2) Ready"},
		{"unexpected message", []pgproto3.FrontendMessage{&pgproto3.Query{String: "COPY IN"},
			&pgproto3.Query{String: "SELECT 1, 2"}},
			"CopyInResponse Error(08P01 unexpected message type 0x51 during COPY from stdin) Ready"},
		{"copy messages outside COPY are ignored", []pgproto3.FrontendMessage{
			&pgproto3.CopyData{Data: []byte("stray")}, &pgproto3.CopyDone{}, &pgproto3.Query{String: "SELECT 1, 2"}},
			"RowDescription DataRow Complete(SELECT 1) Ready"},
	}
	for _, tc := range tests {
		if out := exchange(t, fe, tc.msgs...); out != tc.want {
			t.Errorf("%s:\n got  %s\n want %s", tc.name, out, tc.want)
		}
	}
	if lines := got(); strings.Join(lines, ",") != "x,yz" {
		t.Fatalf("server got %q", lines)
	}
}
