package e2e

import (
	"encoding/binary"
	"errors"
	"io"
	"net"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgproto3"
)

// startup opens a raw protocol session and reads up to ReadyForQuery.
func startup(t *testing.T, addr string) (net.Conn, *pgproto3.Frontend) {
	t.Helper()
	nc, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { nc.Close() })
	_ = nc.SetDeadline(time.Now().Add(30 * time.Second))
	fe := pgproto3.NewFrontend(nc, nc)
	fe.Send(&pgproto3.StartupMessage{
		ProtocolVersion: pgproto3.ProtocolVersionNumber,
		Parameters:      map[string]string{"user": "postgres", "database": "postgres"},
	})
	if err := fe.Flush(); err != nil {
		t.Fatal(err)
	}
	for {
		msg, err := fe.Receive()
		if err != nil {
			t.Fatalf("startup: %v", err)
		}
		switch m := msg.(type) {
		case *pgproto3.ReadyForQuery:
			return nc, fe
		case *pgproto3.ErrorResponse:
			t.Fatalf("startup error %s: %s", m.Code, m.Message)
		}
	}
}

// TestOversizedMessage sends a message whose length is over the server's
// limit (32 MiB): the server answers FATAL 08P01 and closes that
// connection, while another session keeps working.
func TestOversizedMessage(t *testing.T) {
	s := startServer(t)
	other := s.connect(t)
	mustExec(t, other, "CREATE TABLE t (k INT PRIMARY KEY)")

	nc, fe := startup(t, s.SQLAddr)
	header := make([]byte, 5, 5+4096)
	header[0] = 'Q'
	binary.BigEndian.PutUint32(header[1:], 64<<20)
	if _, err := nc.Write(append(header, make([]byte, 4096)...)); err != nil {
		t.Fatal(err)
	}
	var got *pgproto3.ErrorResponse
	for got == nil {
		msg, err := fe.Receive()
		if err != nil {
			t.Fatalf("want an ErrorResponse before the connection closes, got %v", err)
		}
		got, _ = msg.(*pgproto3.ErrorResponse)
	}
	if got.Code != "08P01" || got.Severity != "FATAL" {
		t.Errorf("error = %s %s: %s, want FATAL 08P01", got.Severity, got.Code, got.Message)
	}
	if _, err := fe.Receive(); !errors.Is(err, io.EOF) && !isClosed(err) {
		t.Errorf("after the FATAL error: %v, want the connection closed", err)
	}

	mustExec(t, other, "INSERT INTO t VALUES (1)")
	var n int
	if err := s.connect(t).QueryRow(testCtx(t), "SELECT count(*) FROM t").Scan(&n); err != nil || n != 1 {
		t.Errorf("new session after the violation: %d, %v", n, err)
	}
}

// isClosed reports errors that mean the peer closed the connection.
func isClosed(err error) bool {
	var ne *net.OpError
	return errors.As(err, &ne) || errors.Is(err, io.ErrUnexpectedEOF)
}
