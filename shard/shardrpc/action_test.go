package shardrpc

import (
	"context"
	"net"
	"testing"
	"time"

	"github.com/quiverdb/quiver/internal/pgerror"
)

func TestActionCall(t *testing.T) {
	env := newTestEnv(t)
	env.srv.Handle("echo", func(_ context.Context, body []byte) ([]byte, error) {
		return append([]byte("echo:"), body...), nil
	})
	env.srv.Handle("fail", func(context.Context, []byte) ([]byte, error) {
		return nil, pgerror.WithHint(pgerror.New(pgerror.CannotConnectNow, "no replica here"), "try another")
	})
	ctx := context.Background()
	reply, err := env.client.Call(ctx, "echo", []byte("x"))
	if err != nil || string(reply) != "echo:x" {
		t.Fatalf("echo = %q, %v", reply, err)
	}
	_, err = env.client.Call(ctx, "fail", nil)
	if pe := pgerror.Flatten(err); pe.Code != pgerror.CannotConnectNow || pe.Message != "no replica here" || pe.Hint != "try another" {
		t.Fatalf("fail = %+v", pe)
	}
	if _, err := env.client.Call(ctx, "nope", nil); pgerror.CodeOf(err) != pgerror.FeatureNotSupported {
		t.Fatalf("unknown action = %v", err)
	}
	if err := env.client.Connected(ctx); err != nil {
		t.Fatalf("Connected to a live server = %v", err)
	}
}

// TestCallUnreachable checks the 08000 of a server that is not there,
// from Call and Connected, within a bounded time.
func TestCallUnreachable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	p := NewPool()
	defer p.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	start := time.Now()
	if _, err := p.Call(ctx, addr, "echo", nil); pgerror.CodeOf(err) != pgerror.ConnectionException {
		t.Fatalf("Call of a closed port = %v (%s)", err, pgerror.CodeOf(err))
	}
	c, err := p.Get(addr)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Connected(ctx); pgerror.CodeOf(err) != pgerror.ConnectionException {
		t.Fatalf("Connected to a closed port = %v", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Fatalf("unreachable answers took %s", d)
	}
	if again, _ := p.Get(addr); again != c {
		t.Fatal("Pool.Get dialled a second client for the same address")
	}
	p.Close()
	if _, err := p.Get(addr); err == nil {
		t.Fatal("Get after Close succeeded")
	}
}
