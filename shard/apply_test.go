package shard

import (
	"fmt"
	"math/rand"
	"testing"

	"github.com/quiverdb/quiver/storage"
)

// refModel is a naive reference for apply: a map, with each command
// simulated op by op on a copy.
type refModel map[string]string

func (m refModel) apply(cmd *WriteCommand) result {
	next := refModel{}
	for k, v := range m {
		next[k] = v
	}
	for i, op := range cmd.Ops {
		key := string(op.Key)
		cur, exists := next[key]
		switch {
		case op.Kind == OpDeleteTable:
			for k := range next {
				if k[:4] == string(rowKey(nil, op.Table, "0")[:4]) {
					delete(next, k)
				}
			}
			continue
		case op.Kind == OpInsert && exists:
			return result{kind: resultDuplicate, op: i}
		case op.Kind != OpInsert && op.Expect != nil && (!exists || cur != string(op.Expect)):
			return result{kind: resultConflict, op: i}
		}
		if op.Kind == OpDelete {
			delete(next, key)
		} else {
			next[key] = string(op.Value)
		}
	}
	clear(m)
	for k, v := range next {
		m[k] = v
	}
	return result{}
}

func randomCommand(rng *rand.Rand, t *testing.T) *WriteCommand {
	cmd := &WriteCommand{}
	for range 1 + rng.Intn(6) {
		table := uint32(1 + rng.Intn(2))
		op := Op{Kind: OpKind(rng.Intn(4)), Table: table}
		if rng.Intn(8) != 0 && op.Kind == OpDeleteTable {
			op.Kind = OpInsert
		}
		op.Key = rowKey(t, table, fmt.Sprint(rng.Intn(4)))
		if op.Kind == OpInsert || op.Kind == OpPut {
			op.Value = []byte{byte('a' + rng.Intn(3))}
		}
		if op.Kind != OpInsert && op.Kind != OpDeleteTable && rng.Intn(2) == 0 {
			op.Expect = []byte{byte('a' + rng.Intn(3))}
		}
		if op.Kind == OpDeleteTable {
			op.Key = nil
		}
		cmd.Ops = append(cmd.Ops, op)
	}
	return cmd
}

// TestApplyMatchesReference checks apply against refModel on random
// commands over a few keys.
func TestApplyMatchesReference(t *testing.T) {
	eng, err := storage.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	rng := rand.New(rand.NewSource(3))
	ref := refModel{}
	sc := &applyScratch{}
	for index := uint64(1); index <= 3000; index++ {
		cmd := randomCommand(rng, t)
		want := ref.apply(cmd)
		b := eng.NewBatch()
		got, err := apply(b, 9, index, cmd, sc)
		if err != nil {
			t.Fatal(err)
		}
		if err := b.Commit(false); err != nil {
			t.Fatal(err)
		}
		b.Close()
		if got != want {
			t.Fatalf("command %d %+v: got %+v, want %+v", index, cmd, got, want)
		}
		if index%50 == 0 {
			checkState(t, eng, ref)
		}
	}
	checkState(t, eng, ref)
}

func checkState(t *testing.T, eng *storage.Engine, ref refModel) {
	t.Helper()
	start, end := storage.ShardDataSpan(9)
	it, err := eng.NewIter(start, end)
	if err != nil {
		t.Fatal(err)
	}
	defer it.Close()
	n := 0
	for ok := it.First(); ok; ok = it.Next() {
		v, _ := it.Value()
		if want, ok := ref[string(storage.TableKeyOf(it.Key()))]; !ok || want != string(v) {
			t.Fatalf("key %x: stored %q, reference %q (present %v)", it.Key(), v, want, ok)
		}
		n++
	}
	if n != len(ref) {
		t.Fatalf("stored %d rows, reference %d", n, len(ref))
	}
}
