package pgwire

import (
	"context"
	"encoding/hex"
	"errors"
	"io"
	"net"
	"testing"
	"time"

	"github.com/jackc/pgproto3/v2"
)

// FuzzMessages sends random bytes after a valid startup. The server must
// neither panic nor hang, and must go on serving other sessions.
func FuzzMessages(f *testing.F) {
	for _, seed := range []string{
		"5100000006610053000000004",
		"42000000100000000000001fffffffe0000",
		"500000000d00534c454354203100000042000000",
		"45000000090000000000",
		"4400000006530053000000004",
		"460000001000000001000000000000000000",
		"7a00000004",
		"51ffffffff",
	} {
		b, _ := hex.DecodeString(seed)
		f.Add(b)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		f.Fatal(err)
	}
	srv := newServer(openFake, Config{MaxMessageSize: 1 << 12})
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	defer func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(ctx); err != nil {
			f.Error(err)
		}
		<-done
	}()
	f.Fuzz(func(t *testing.T, data []byte) {
		nc := dialStartup(t, ln.Addr().String())
		defer nc.Close()
		_ = nc.SetDeadline(time.Now().Add(5 * time.Second))
		// Read while writing: the server answers as it reads.
		read := make(chan error, 1)
		go func() {
			_, err := io.Copy(io.Discard, nc)
			read <- err
		}()
		if _, err := nc.Write(data); err == nil {
			_ = nc.(*net.TCPConn).CloseWrite()
		}
		if err := <-read; err != nil && !isReset(err) {
			t.Fatalf("session did not end: %v", err)
		}
	})
}

// dialStartup connects and completes a startup.
func dialStartup(t *testing.T, addr string) net.Conn {
	nc, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	_ = nc.SetDeadline(time.Now().Add(5 * time.Second))
	fe := pgproto3.NewFrontend(pgproto3.NewChunkReader(nc), nc)
	err = fe.Send(&pgproto3.StartupMessage{
		ProtocolVersion: pgproto3.ProtocolVersionNumber,
		Parameters:      map[string]string{"user": "postgres", "database": "postgres"},
	})
	if err != nil {
		t.Fatal(err)
	}
	for {
		msg, err := fe.Receive()
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := msg.(*pgproto3.ReadyForQuery); ok {
			return nc
		}
	}
}

func isReset(err error) bool {
	var ne *net.OpError
	return errors.As(err, &ne) && !ne.Timeout()
}
