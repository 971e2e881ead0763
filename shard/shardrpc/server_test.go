package shardrpc

import (
	"context"
	"net"
	"testing"
	"time"

	"github.com/apache/arrow/go/v15/arrow/flight"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/quiverdb/quiver/exec"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/shard"
)

var int8Frag = &execpb.Node{Kind: execpb.NodeValues, Types: []types.T{types.Int8Type}}

// startEndless makes env's service serve an endless stream and returns
// its operator and the client's inbox, after reading batches from it.
func startEndless(t *testing.T, env *testEnv, ctx context.Context, batches int) (*genOp, exec.Operator) {
	t.Helper()
	op := newGenOp(memory.DefaultAllocator, 100, -1 /* endless */, nil)
	env.svc.query = func(context.Context, uint64, *execpb.Node) (exec.Operator, error) { return op, nil }
	remote, err := env.client.Query(ctx, 1, int8Frag)
	if err != nil {
		t.Fatal(err)
	}
	for i := range batches {
		rec, err := remote.Next(ctx)
		if err != nil {
			t.Fatalf("batch %d: %v", i, err)
		}
		if got := rec.Column(0).(interface{ Value(int) int64 }).Value(0); got != int64(i*100) {
			t.Fatalf("batch %d starts at %d, want %d", i, got, i*100)
		}
	}
	return op, remote
}

// nextUntilError calls Next until it fails, as a stream buffered in
// flight may still deliver batches.
func nextUntilError(t *testing.T, ctx context.Context, op exec.Operator) error {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if _, err := op.Next(ctx); err != nil {
			return err
		}
	}
	t.Fatal("stream did not fail")
	return nil
}

func TestServerStopWhileStreaming(t *testing.T) {
	env := newTestEnv(t)
	op, remote := startEndless(t, env, context.Background(), 2)
	defer remote.Close()
	stopped := make(chan struct{})
	go func() {
		env.srv.Stop()
		close(stopped)
	}()
	waitClosed(t, stopped, "server")
	// Stop returns only after the handler closed its operator.
	select {
	case <-op.closed:
	default:
		t.Error("Stop returned before the remote operator was closed")
	}
	err := nextUntilError(t, context.Background(), remote)
	if code := pgerror.CodeOf(err); code != pgerror.ConnectionFailure {
		t.Errorf("Next after Stop = %v (%s), want 08006", err, code)
	}
	err = env.client.Write(context.Background(), 1, &shard.WriteCommand{})
	if code := pgerror.CodeOf(err); code != pgerror.StatementCompletionUnknown {
		t.Errorf("Write after Stop = %v (%s), want 40003", err, code)
	}
}

func TestDialNoServer(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	c, err := Dial(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err = c.Query(ctx, 1, int8Frag)
	if code := pgerror.CodeOf(err); code != pgerror.ConnectionFailure {
		t.Errorf("Query of a closed port = %v (%s), want 08006", err, code)
	}
}

func TestUnknownAction(t *testing.T) {
	env := newTestEnv(t)
	stream, err := env.client.rpc.DoAction(context.Background(), &flight.Action{Type: "nope"})
	if err == nil {
		_, err = stream.Recv()
	}
	if code := pgerror.CodeOf(fromRPC(context.Background(), err, false)); code != pgerror.FeatureNotSupported {
		t.Errorf("unknown action = %v (%s), want 0A000", err, code)
	}
}

func TestServeAfterStop(t *testing.T) {
	srv := NewServer(&fakeService{}, nil /* alloc */)
	srv.Stop()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Serve(ln); err != nil {
		t.Errorf("Serve after Stop = %v, want nil", err)
	}
	if _, err := ln.Accept(); err == nil {
		t.Error("Serve after Stop left the listener open")
	}
}
