package router

import (
	"context"
	"testing"
	"time"

	"github.com/quiverdb/quiver/exec"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/shard"
)

// TestRouterNoQuorumFailsFast checks that once a write ran out of its
// bound with no replica answering, the next request to that shard fails
// at once with 40001 while the local replica knows no leader, and is
// served again once it knows one.
func TestRouterNoQuorumFailsFast(t *testing.T) {
	nodes := [3]*fakeNode{{always: errNotReady}, {always: errDown}, {always: errDown}}
	leaders := fakeLeaders{}
	r := testRouter(leaders, nodes)
	r.cfg.Timeout, r.cfg.AttemptTimeout = 300*time.Millisecond, 50*time.Millisecond
	if err := r.Write(context.Background(), 2, &shard.WriteCommand{}); codeOrEmpty(err) != pgerror.SerializationFailure {
		t.Fatalf("first write: %v, want 40001", err)
	}
	calls := nodes[0].calls
	start := time.Now()
	err := r.Write(context.Background(), 2, &shard.WriteCommand{})
	if codeOrEmpty(err) != pgerror.SerializationFailure || time.Since(start) > 20*time.Millisecond {
		t.Fatalf("second write: %v after %s, want 40001 at once", err, time.Since(start))
	}
	if _, err := r.Query(context.Background(), 2, nil); codeOrEmpty(err) != pgerror.SerializationFailure {
		t.Fatalf("query: %v, want 40001", err)
	}
	if nodes[0].calls != calls {
		t.Fatalf("a request was sent to a shard without a quorum")
	}
	leaders[2] = 1
	nodes[0].mu.Lock()
	nodes[0].always = nil
	nodes[0].mu.Unlock()
	if err := r.Write(context.Background(), 2, &shard.WriteCommand{}); err != nil {
		t.Fatalf("write once a leader is known: %v", err)
	}
	if _, down := r.health.downSince(2); down {
		t.Fatal("shard still marked without a quorum after a success")
	}
}

// TestRouterSuspectShardShortBound checks that a shard found without a
// quorum, on a node with no replica of it, gets one AttemptTimeout
// instead of the whole retry bound.
func TestRouterSuspectShardShortBound(t *testing.T) {
	nodes := [3]*fakeNode{{always: errDown}, {always: errDown}, {always: errDown}}
	r := testRouter(fakeLeaders{}, nodes)
	r.cfg.Self = 4 // holds no replica of shard 2
	byAddr := map[string]shard.Service{"n1": nodes[0], "n2": nodes[1], "n3": nodes[2]}
	r.cfg.Dial = func(addr string) (shard.Service, error) { return byAddr[addr], nil }
	r.cfg.Timeout, r.cfg.AttemptTimeout = 500*time.Millisecond, 100*time.Millisecond
	_ = r.Write(context.Background(), 2, &shard.WriteCommand{})
	start := time.Now()
	err := r.Write(context.Background(), 2, &shard.WriteCommand{})
	if d := time.Since(start); d > 300*time.Millisecond || codeOrEmpty(err) != pgerror.SerializationFailure {
		t.Fatalf("second write: %v after %s, want 40001 within about 100ms", err, d)
	}
}

// hangNode is a node whose queries wait until their context ends.
type hangNode struct{ fakeNode }

func (h *hangNode) Query(ctx context.Context, _ uint64, _ *execpb.Node) (exec.Operator, error) {
	h.next()
	<-ctx.Done()
	return nil, ctx.Err()
}

// TestRouterReadAttemptTimeout checks that a read stuck on one node is
// abandoned after AttemptTimeout and sent to another node, and that the
// whole read is bounded by Timeout with a retryable 40001.
func TestRouterReadAttemptTimeout(t *testing.T) {
	nodes := [3]*fakeNode{{}, {}, {}}
	r := testRouter(fakeLeaders{2: 2}, nodes)
	hang := &hangNode{}
	r.cfg.Dial = func(addr string) (shard.Service, error) {
		if addr == "n2" {
			return hang, nil
		}
		return nodes[2], nil
	}
	r.cfg.AttemptTimeout = 50 * time.Millisecond
	if _, err := r.Query(context.Background(), 2, nil); err != nil {
		t.Fatalf("query: %v", err)
	}
	if hang.calls != 1 || nodes[0].calls != 1 {
		t.Fatalf("calls: stuck node %d, local %d", hang.calls, nodes[0].calls)
	}

	r.cfg.Dial = func(string) (shard.Service, error) { return hang, nil }
	r.cfg.Self = 4
	r.cfg.Timeout = 300 * time.Millisecond
	start := time.Now()
	_, err := r.Query(context.Background(), 2, nil)
	if d := time.Since(start); d > time.Second || codeOrEmpty(err) != pgerror.SerializationFailure {
		t.Fatalf("query: %v after %s, want 40001 after about 300ms", err, d)
	}
}
