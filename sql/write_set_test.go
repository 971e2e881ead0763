package sql

import (
	"context"
	"reflect"
	"sync"
	"testing"

	"github.com/quiverdb/quiver/exec"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/meta"
	"github.com/quiverdb/quiver/shard"
)

func TestInverse(t *testing.T) {
	k, v, old := []byte("k"), []byte("v"), []byte("old")
	tests := []struct {
		name string
		in   []shard.Op
		want []shard.Op
		ok   bool
	}{
		{"insert", []shard.Op{{Kind: shard.OpInsert, Key: k, Value: v}},
			[]shard.Op{{Kind: shard.OpDelete, Key: k, Expect: v}}, true},
		{"put", []shard.Op{{Kind: shard.OpPut, Key: k, Value: v, Expect: old}},
			[]shard.Op{{Kind: shard.OpPut, Key: k, Value: old, Expect: v}}, true},
		{"delete", []shard.Op{{Kind: shard.OpDelete, Key: k, Expect: old}},
			[]shard.Op{{Kind: shard.OpInsert, Key: k, Value: old}}, true},
		{"reversed", []shard.Op{{Kind: shard.OpDelete, Key: k, Expect: old}, {Kind: shard.OpInsert, Key: k, Value: v}},
			[]shard.Op{{Kind: shard.OpDelete, Key: k, Expect: v}, {Kind: shard.OpInsert, Key: k, Value: old}}, true},
		{"blind put", []shard.Op{{Kind: shard.OpPut, Key: k, Value: v}}, nil, false},
		{"table", []shard.Op{{Kind: shard.OpDeleteTable, Table: 1}}, nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := inverse(&shard.WriteCommand{Ops: tc.in})
			if ok != tc.ok {
				t.Fatalf("ok = %v", ok)
			}
			if ok && !reflect.DeepEqual(got.Ops, tc.want) {
				t.Fatalf("inverse = %+v, want %+v", got.Ops, tc.want)
			}
		})
	}
}

// failingShards fails every write to shard fail with err and, when undo
// is set, every second write to any other shard (the compensating one).
type failingShards struct {
	*fakeShards
	fail   uint64
	err    error
	undo   error
	mu     sync.Mutex
	writes map[uint64]int
}

func (f *failingShards) Write(ctx context.Context, id uint64, cmd *shard.WriteCommand) error {
	f.mu.Lock()
	if f.writes == nil {
		f.writes = map[uint64]int{}
	}
	f.writes[id]++
	n := f.writes[id]
	f.mu.Unlock()
	switch {
	case id == f.fail:
		return f.err
	case n > 1 && f.undo != nil:
		return f.undo
	}
	return f.fakeShards.Write(ctx, id, cmd)
}

func (f *failingShards) Query(ctx context.Context, id uint64, frag *execpb.Node) (exec.Operator, error) {
	return f.fakeShards.Query(ctx, id, frag)
}

// keysOnShards returns one key per data shard of state (by slot).
func keysOnShards(t *testing.T, state *meta.State) map[uint64][]byte {
	keys := map[uint64][]byte{}
	for i := 0; len(keys) < len(state.DataShards()) && i < 10000; i++ {
		k := []byte{byte(i >> 8), byte(i)}
		if _, ok := keys[state.ShardOf(k)]; !ok {
			keys[state.ShardOf(k)] = k
		}
	}
	if len(keys) != len(state.DataShards()) {
		t.Fatal("could not find a key for every shard")
	}
	return keys
}

func TestWriteSetUndoesAppliedPieces(t *testing.T) {
	state := newFakeMeta(3).State()
	keys := keysOnShards(t, state)
	ids := state.DataShards()
	fake := newFakeShards()
	// One existing row whose update must be undone.
	if err := fake.Write(context.Background(), ids[0], &shard.WriteCommand{Ops: []shard.Op{{Kind: shard.OpInsert, Key: keys[ids[0]], Value: []byte("before")}}}); err != nil {
		t.Fatal(err)
	}
	svc := &failingShards{fakeShards: fake, fail: ids[1], err: pgerror.New(pgerror.SerializationFailure, "boom")}
	w := newWriteSet(state)
	w.add(shard.Op{Kind: shard.OpPut, Key: keys[ids[0]], Value: []byte("after"), Expect: []byte("before")}, nil)
	w.add(shard.Op{Kind: shard.OpInsert, Key: keys[ids[1]], Value: []byte("x")}, nil)
	w.add(shard.Op{Kind: shard.OpInsert, Key: keys[ids[2]], Value: []byte("y")}, nil)
	err := w.send(context.Background(), svc, nil /* table: no duplicate to describe */)
	if pgerror.CodeOf(err) != pgerror.SerializationFailure {
		t.Fatalf("send = %v, want the failing shard's error", err)
	}
	if got := string(fake.data[ids[0]][string(keys[ids[0]])]); got != "before" {
		t.Fatalf("shard %d holds %q, want the undone %q", ids[0], got, "before")
	}
	if n := fake.rowCount(); n != 1 {
		t.Fatalf("%d rows remain, want 1", n)
	}
}

func TestWriteSetReportsFailedUndo(t *testing.T) {
	state := newFakeMeta(2).State()
	keys := keysOnShards(t, state)
	ids := state.DataShards()
	svc := &failingShards{fakeShards: newFakeShards(), fail: ids[1],
		err: pgerror.New(pgerror.SerializationFailure, "boom"), undo: pgerror.New(pgerror.ConnectionFailure, "gone")}
	w := newWriteSet(state)
	w.add(shard.Op{Kind: shard.OpInsert, Key: keys[ids[0]], Value: []byte("x")}, nil)
	w.add(shard.Op{Kind: shard.OpInsert, Key: keys[ids[1]], Value: []byte("y")}, nil)
	err := w.send(context.Background(), svc, nil)
	e := pgerror.Flatten(err)
	if e.Code != pgerror.StatementCompletionUnknown || e.Detail != "gone" {
		t.Fatalf("send = %+v, want 40003 with the undo failure as detail", e)
	}
}

// unknownOnce answers the first write to shard fail with 40003 without
// applying it, and passes every other write to the fake.
type unknownOnce struct {
	*failingShards
	seen bool
}

func (u *unknownOnce) Write(ctx context.Context, id uint64, cmd *shard.WriteCommand) error {
	u.mu.Lock()
	first := id == u.fail && !u.seen
	if first {
		u.seen = true
	}
	u.mu.Unlock()
	if first {
		return pgerror.New(pgerror.StatementCompletionUnknown, "lost the leader")
	}
	return u.fakeShards.Write(ctx, id, cmd)
}

func TestWriteSetUnknownOutcome(t *testing.T) {
	state := newFakeMeta(2).State()
	keys := keysOnShards(t, state)
	ids := state.DataShards()
	build := func() *writeSet {
		w := newWriteSet(state)
		w.add(shard.Op{Kind: shard.OpInsert, Key: keys[ids[0]], Value: []byte("x")}, nil)
		w.add(shard.Op{Kind: shard.OpInsert, Key: keys[ids[1]], Value: []byte("y")}, nil)
		return w
	}
	t.Run("never applied", func(t *testing.T) {
		// The unknown piece did not apply: its inverse conflicts, which
		// counts as undone; the applied piece is undone.
		fake := newFakeShards()
		svc := &unknownOnce{failingShards: &failingShards{fakeShards: fake, fail: ids[1]}}
		err := build().send(context.Background(), svc, nil)
		if pgerror.CodeOf(err) != pgerror.StatementCompletionUnknown || fake.rowCount() != 0 {
			t.Fatalf("send = %v with %d rows left, want the cause and none", err, fake.rowCount())
		}
		if e := pgerror.Flatten(err); e.Message != "lost the leader" {
			t.Fatalf("send = %q, want the original error", e.Message)
		}
	})
	t.Run("cannot undo", func(t *testing.T) {
		// The shard keeps answering 40003: whether the piece applied is
		// unknown, and the client must be told.
		svc := &failingShards{fakeShards: newFakeShards(), fail: ids[1],
			err: pgerror.New(pgerror.StatementCompletionUnknown, "lost the leader")}
		err := build().send(context.Background(), svc, nil)
		if e := pgerror.Flatten(err); e.Code != pgerror.StatementCompletionUnknown || e.Detail == "" {
			t.Fatalf("send = %+v, want 40003 naming the failed undo", e)
		}
	})
}
