package router

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/quiverdb/quiver/exec"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/meta"
	"github.com/quiverdb/quiver/shard"
)

// fakeNode is one node's shard.Service: it answers with the next error
// of errs (nil when they run out) and counts calls.
type fakeNode struct {
	mu    sync.Mutex
	errs  []error
	calls int
}

func (f *fakeNode) next() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if len(f.errs) == 0 {
		return nil
	}
	err := f.errs[0]
	f.errs = f.errs[1:]
	return err
}

func (f *fakeNode) Write(context.Context, uint64, *shard.WriteCommand) error { return f.next() }

func (f *fakeNode) Query(context.Context, uint64, *execpb.Node) (exec.Operator, error) {
	return nil, f.next()
}

type fakeMeta struct{ s *meta.State }

func (m fakeMeta) State() *meta.State { return m.s }
func (m fakeMeta) Propose(context.Context, *meta.Command) (*meta.State, error) {
	return nil, errors.New("not in this test")
}

type fakeLeaders map[uint64]uint64

func (l fakeLeaders) Leader(shard uint64) (uint64, bool) {
	id, ok := l[shard]
	return id, ok
}

// testRouter is node 1's router over a 3-node cluster whose shard 2 has
// replicas on every node; nodes are the services of nodes 1..3.
func testRouter(leaders fakeLeaders, nodes [3]*fakeNode) *Router {
	s := &meta.State{
		Nodes:  []meta.Node{{ID: 1, RPCAddr: "n1"}, {ID: 2, RPCAddr: "n2"}, {ID: 3, RPCAddr: "n3"}},
		Shards: []meta.Shard{{ID: 2, Replicas: map[uint64]string{1: "r1", 2: "r2", 3: "r3"}}},
	}
	byAddr := map[string]shard.Service{"n2": nodes[1], "n3": nodes[2]}
	return New(Config{
		Self: 1, Local: nodes[0], Leaders: leaders, Meta: fakeMeta{s},
		Dial:    func(addr string) (shard.Service, error) { return byAddr[addr], nil },
		Timeout: 2 * time.Second,
	})
}

var (
	errNoReplica = pgerror.New(pgerror.ConnectionFailure, "shard 2: shard has no replica on this node")
	errNotReady  = pgerror.New(pgerror.SerializationFailure, "shard 2: shard is not ready; retry")
	errUnknown   = pgerror.New(pgerror.StatementCompletionUnknown, "write timed out")
	errDown      = pgerror.New(pgerror.ConnectionException, "node unreachable")
	errShutdown  = pgerror.New(pgerror.AdminShutdown, "terminating connection due to node shutdown")
)

func TestRouterWrite(t *testing.T) {
	for _, tc := range []struct {
		name    string
		leader  uint64 // 0: unknown
		errs    [3][]error
		want    pgerror.Code // "" for success
		calls   [3]int
		wantErr error
	}{
		{name: "leader local", leader: 1, calls: [3]int{1, 0, 0}},
		{name: "leader remote", leader: 3, calls: [3]int{0, 0, 1}},
		{name: "unknown leader tries replicas in order", errs: [3][]error{{errNoReplica}}, calls: [3]int{1, 1, 0}},
		{name: "leader moved", leader: 2, errs: [3][]error{nil, {errNoReplica}}, calls: [3]int{1, 1, 0}},
		{name: "dropped proposal retried", leader: 2, errs: [3][]error{nil, {errNotReady}}, calls: [3]int{1, 1, 0}},
		{name: "node down", leader: 3, errs: [3][]error{nil, nil, {errDown}}, calls: [3]int{1, 0, 1}},
		{name: "unknown outcome not retried", leader: 2, errs: [3][]error{nil, {errUnknown}}, want: pgerror.StatementCompletionUnknown, calls: [3]int{0, 1, 0}},
		{name: "shutdown not retried for a write", leader: 2, errs: [3][]error{nil, {errShutdown}}, want: pgerror.AdminShutdown, calls: [3]int{0, 1, 0}},
		{name: "duplicate key is an answer", leader: 1, errs: [3][]error{{&shard.DuplicateKeyError{Op: 0}}}, want: pgerror.UniqueViolation, calls: [3]int{1, 0, 0}},
		{name: "conflict is an answer", leader: 1, errs: [3][]error{{&shard.ConflictError{Op: 1}}}, want: pgerror.SerializationFailure, calls: [3]int{1, 0, 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var nodes [3]*fakeNode
			for i := range nodes {
				nodes[i] = &fakeNode{errs: tc.errs[i]}
			}
			leaders := fakeLeaders{}
			if tc.leader != 0 {
				leaders[2] = tc.leader
			}
			err := testRouter(leaders, nodes).Write(context.Background(), 2, &shard.WriteCommand{})
			if got := codeOrEmpty(err); got != tc.want {
				t.Fatalf("Write = %v (%s), want %q", err, got, tc.want)
			}
			for i, n := range nodes {
				if n.calls != tc.calls[i] {
					t.Errorf("node %d called %d times, want %d", i+1, n.calls, tc.calls[i])
				}
			}
		})
	}
}

func codeOrEmpty(err error) pgerror.Code {
	if err == nil {
		return ""
	}
	return pgerror.CodeOf(err)
}

// TestRouterQueryRetries checks that a read is retried where a write is
// not (the serving node shut down) and that retrying stops at the
// context's deadline.
func TestRouterQueryRetries(t *testing.T) {
	nodes := [3]*fakeNode{{}, {errs: []error{errShutdown}}, {}}
	if _, err := testRouter(fakeLeaders{2: 2}, nodes).Query(context.Background(), 2, nil); err != nil {
		t.Fatalf("Query = %v", err)
	}
	if nodes[1].calls != 1 || nodes[0].calls+nodes[2].calls != 1 {
		t.Fatalf("calls %d %d %d", nodes[0].calls, nodes[1].calls, nodes[2].calls)
	}

	down := func() *fakeNode {
		return &fakeNode{errs: []error{errNotReady, errNotReady, errNotReady, errNotReady, errNotReady, errNotReady, errNotReady, errNotReady}}
	}
	nodes = [3]*fakeNode{down(), down(), down()}
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := testRouter(fakeLeaders{}, nodes).Query(ctx, 2, nil)
	if pgerror.CodeOf(err) != pgerror.SerializationFailure || time.Since(start) > time.Second {
		t.Fatalf("Query with no leader = %v after %s", err, time.Since(start))
	}
}

// TestRouterCachesServingNode checks that a node that served a shard is
// tried first next time when no local replica knows the leader.
func TestRouterCachesServingNode(t *testing.T) {
	nodes := [3]*fakeNode{{errs: []error{errNoReplica}}, {errs: []error{errNoReplica}}, {}}
	r := testRouter(fakeLeaders{}, nodes)
	for i := 0; i < 2; i++ {
		if err := r.Write(context.Background(), 2, &shard.WriteCommand{}); err != nil {
			t.Fatal(err)
		}
	}
	if nodes[0].calls != 1 || nodes[1].calls != 1 || nodes[2].calls != 2 {
		t.Fatalf("calls %d %d %d, want 1 1 2", nodes[0].calls, nodes[1].calls, nodes[2].calls)
	}
}
