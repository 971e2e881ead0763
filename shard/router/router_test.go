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
// With always set, it answers always once errs run out; with block set,
// a write waits for its context to end and answers 40003 (a proposal
// behind a dead leader). It records the request identity of each write.
type fakeNode struct {
	mu     sync.Mutex
	errs   []error
	always error
	block  bool
	calls  int
	ids    [][2]uint64
}

func (f *fakeNode) next() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if len(f.errs) == 0 {
		return f.always
	}
	err := f.errs[0]
	f.errs = f.errs[1:]
	return err
}

func (f *fakeNode) Write(ctx context.Context, _ uint64, cmd *shard.WriteCommand) error {
	f.mu.Lock()
	f.ids = append(f.ids, [2]uint64{cmd.Client, cmd.Seq})
	block := f.block
	f.mu.Unlock()
	if block {
		<-ctx.Done()
		f.next()
		return errUnknown
	}
	return f.next()
}

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
		{name: "unknown outcome retried", leader: 2, errs: [3][]error{nil, {errUnknown}}, calls: [3]int{1, 1, 0}},
		{name: "shutdown retried", leader: 2, errs: [3][]error{nil, {errShutdown}}, calls: [3]int{1, 1, 0}},
		{name: "answer after an unknown outcome", leader: 2, errs: [3][]error{{&shard.DuplicateKeyError{Op: 0}}, {errUnknown}}, want: pgerror.UniqueViolation, calls: [3]int{1, 1, 0}},
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

// TestRouterWriteRequestIdentity checks that every attempt of a write
// carries the same request identity, that one session's writes get
// increasing sequence numbers, and that the caller's command is left
// alone.
func TestRouterWriteRequestIdentity(t *testing.T) {
	nodes := [3]*fakeNode{{}, {errs: []error{errUnknown, errDown}}, {errs: []error{errShutdown}}}
	r := testRouter(fakeLeaders{2: 2}, nodes)
	cmd := &shard.WriteCommand{}
	for i := 0; i < 2; i++ {
		if err := r.Write(context.Background(), 2, cmd); err != nil {
			t.Fatal(err)
		}
	}
	if cmd.Client != 0 || cmd.Seq != 0 {
		t.Fatalf("caller's command got request id %d/%d", cmd.Client, cmd.Seq)
	}
	// Write 1: node 2 (unknown), node 1 (ok). Write 2: node 2 (down),
	// node 1 (ok).
	all := append(append(nodes[1].ids, nodes[0].ids...), nodes[2].ids...)
	client := all[0][0]
	if client == 0 {
		t.Fatal("write sent without a request id")
	}
	want := [][2]uint64{{client, 1}, {client, 2}, {client, 1}, {client, 2}}
	if len(all) != len(want) {
		t.Fatalf("ids %v, want %v", all, want)
	}
	for i := range want {
		if all[i] != want[i] {
			t.Fatalf("ids %v, want %v", all, want)
		}
	}
}

// TestRouterConcurrentWritesUseDistinctClients checks that writes in
// flight at once never share a client id (a shard orders one client's
// requests by sequence number).
func TestRouterConcurrentWritesUseDistinctClients(t *testing.T) {
	release := make(chan struct{})
	node := &gateNode{release: release, seen: map[uint64]int{}}
	r := New(Config{Self: 1, Local: node, Meta: fakeMeta{&meta.State{}}, Timeout: 2 * time.Second})
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := r.Write(context.Background(), 2, &shard.WriteCommand{}); err != nil {
				t.Error(err)
			}
		}()
	}
	for node.count() < 4 {
		time.Sleep(time.Millisecond)
	}
	close(release)
	wg.Wait()
	if len(node.seen) != 4 {
		t.Fatalf("4 concurrent writes used %d client ids", len(node.seen))
	}
}

// gateNode holds every write until release closes and counts client ids.
type gateNode struct {
	fakeNode
	release chan struct{}
	mu      sync.Mutex
	seen    map[uint64]int
}

func (g *gateNode) Write(ctx context.Context, _ uint64, cmd *shard.WriteCommand) error {
	g.mu.Lock()
	g.seen[cmd.Client]++
	g.mu.Unlock()
	<-g.release
	return nil
}

func (g *gateNode) count() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	n := 0
	for _, c := range g.seen {
		n += c
	}
	return n
}

// TestRouterWriteAttemptTimeout checks that a proposal stuck behind a
// dead leader is re-sent to another node after AttemptTimeout, with the
// same request identity.
func TestRouterWriteAttemptTimeout(t *testing.T) {
	nodes := [3]*fakeNode{{}, {block: true}, {}}
	r := testRouter(fakeLeaders{2: 2}, nodes)
	r.cfg.AttemptTimeout = 100 * time.Millisecond
	start := time.Now()
	if err := r.Write(context.Background(), 2, &shard.WriteCommand{}); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > time.Second {
		t.Fatalf("write took %s", d)
	}
	if nodes[1].calls != 1 || nodes[0].calls != 1 || nodes[0].ids[0] != nodes[1].ids[0] {
		t.Fatalf("calls %d %d, ids %v %v", nodes[1].calls, nodes[0].calls, nodes[1].ids, nodes[0].ids)
	}
}

// TestRouterWriteBound checks that a write whose outcome stays unknown
// is retried until the bound and then ends with 40003, even when the
// last attempt could not reach any node.
func TestRouterWriteBound(t *testing.T) {
	for _, tc := range []struct {
		name   string
		first  error
		always error
		want   pgerror.Code
	}{
		{name: "always unknown", first: errUnknown, always: errUnknown, want: pgerror.StatementCompletionUnknown},
		{name: "unknown then unreachable", first: errUnknown, always: errDown, want: pgerror.StatementCompletionUnknown},
		{name: "never reached a log", first: errDown, always: errDown, want: pgerror.SerializationFailure},
	} {
		t.Run(tc.name, func(t *testing.T) {
			nodes := [3]*fakeNode{{always: tc.always}, {errs: []error{tc.first}, always: tc.always}, {always: tc.always}}
			r := testRouter(fakeLeaders{2: 2}, nodes)
			r.cfg.Timeout = 200 * time.Millisecond
			start := time.Now()
			err := r.Write(context.Background(), 2, &shard.WriteCommand{})
			if got := codeOrEmpty(err); got != tc.want {
				t.Fatalf("Write = %v (%s), want %s", err, got, tc.want)
			}
			if d := time.Since(start); d < 200*time.Millisecond || d > time.Second {
				t.Fatalf("gave up after %s, want about 200ms", d)
			}
			if n := nodes[0].calls + nodes[1].calls + nodes[2].calls; n < 3 {
				t.Fatalf("%d attempts", n)
			}
		})
	}
}
