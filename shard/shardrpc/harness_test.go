package shardrpc

import (
	"context"
	"io"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/quiverdb/quiver/exec"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/shard"
)

// fakeService is a shard.Service whose behaviour each test sets.
type fakeService struct {
	query func(ctx context.Context, shard uint64, frag *execpb.Node) (exec.Operator, error)
	write func(ctx context.Context, shard uint64, cmd *shard.WriteCommand) error
}

func (f *fakeService) Write(ctx context.Context, shardID uint64, cmd *shard.WriteCommand) error {
	return f.write(ctx, shardID, cmd)
}

func (f *fakeService) Query(ctx context.Context, shardID uint64, frag *execpb.Node) (exec.Operator, error) {
	return f.query(ctx, shardID, frag)
}

// testEnv is a server of a fakeService on 127.0.0.1:0 and a client of it,
// both under checked allocators that must be empty at cleanup.
type testEnv struct {
	svc    *fakeService
	srv    *Server
	client *Client
	addr   string
	done   chan error // Serve's result
}

func newTestEnv(t testing.TB) *testEnv {
	t.Helper()
	srvMem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	cliMem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	env := &testEnv{svc: &fakeService{}, done: make(chan error, 1), addr: ln.Addr().String()}
	env.srv = NewServer(env.svc, srvMem)
	go func() { env.done <- env.srv.Serve(ln) }()
	env.client, err = Dial(env.addr, WithAllocator(cliMem))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		env.client.Close()
		env.srv.Stop()
		if err := <-env.done; err != nil {
			t.Errorf("Serve: %v", err)
		}
		srvMem.AssertSize(t, 0)
		cliMem.AssertSize(t, 0)
	})
	return env
}

// drain reads op to the end, returning its rows as text (NULL as "NULL")
// and the error that ended it (nil at io.EOF). It closes op.
func drain(t *testing.T, ctx context.Context, op exec.Operator) ([][]string, error) {
	t.Helper()
	defer op.Close()
	if err := op.Open(ctx); err != nil {
		return nil, err
	}
	ts := exec.TypesOf(op.Schema())
	var rows [][]string
	for {
		rec, err := op.Next(ctx)
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return rows, err
		}
		rows = append(rows, textRows(rec, ts)...)
	}
}

func textRows(rec arrow.Record, ts []types.T) [][]string {
	var out [][]string
	for _, row := range exec.RowsFromRecord(rec, ts) {
		texts := make([]string, len(row))
		for c, d := range row {
			texts[c] = "NULL"
			if d != nil {
				texts[c] = types.FormatText(ts[c], d)
			}
		}
		out = append(out, texts)
	}
	return out
}

// int8Schema is the schema of the generator operators.
var int8Schema = exec.Schema([]types.T{types.Int8Type}, []string{"n"})

// int8Batch returns a batch of n int64 values from start.
func int8Batch(alloc memory.Allocator, start, n int) arrow.Record {
	b := array.NewInt64Builder(alloc)
	defer b.Release()
	b.Reserve(n)
	for i := range n {
		b.UnsafeAppend(int64(start + i))
	}
	col := b.NewArray()
	defer col.Release()
	return array.NewRecord(int8Schema, []arrow.Array{col}, int64(n))
}

// genOp is an operator that produces limit batches of batch int8 rows
// (forever when limit < 0), then err (io.EOF when nil). It honours ctx
// and reports its Close on closed.
type genOp struct {
	alloc  memory.Allocator
	batch  int
	limit  int
	err    error
	sent   int
	cur    arrow.Record
	once   sync.Once
	closed chan struct{}
}

var _ exec.Operator = (*genOp)(nil)

func newGenOp(alloc memory.Allocator, batch, limit int, err error) *genOp {
	return &genOp{alloc: alloc, batch: batch, limit: limit, err: err, closed: make(chan struct{})}
}

func (g *genOp) Schema() *arrow.Schema      { return int8Schema }
func (g *genOp) Open(context.Context) error { return nil }

func (g *genOp) Next(ctx context.Context) (arrow.Record, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	g.release()
	if g.limit >= 0 && g.sent >= g.limit {
		if g.err != nil {
			return nil, g.err
		}
		return nil, io.EOF
	}
	g.cur = int8Batch(g.alloc, g.sent*g.batch, g.batch)
	g.sent++
	return g.cur, nil
}

func (g *genOp) release() {
	if g.cur != nil {
		g.cur.Release()
		g.cur = nil
	}
}

func (g *genOp) Close() error {
	g.release()
	g.once.Do(func() { close(g.closed) })
	return nil
}

// waitClosed fails t unless ch closes soon.
func waitClosed(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(10 * time.Second):
		t.Fatalf("%s was not closed", what)
	}
}
