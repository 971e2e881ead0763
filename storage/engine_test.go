package storage

import (
	"errors"
	"testing"
)

func TestEngineBatchSnapshotIter(t *testing.T) {
	eng, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	k := func(s string) []byte { return DataKey(nil, 3, []byte(s)) }
	b := eng.NewBatch()
	for _, s := range []string{"a", "b", "c"} {
		if err := b.Set(k(s), []byte("v"+s)); err != nil {
			t.Fatal(err)
		}
	}
	if v, err := b.Get(k("b")); err != nil || string(v) != "vb" {
		t.Fatalf("batch read-your-writes: %q %v", v, err)
	}
	if _, err := eng.Get(k("b")); !errors.Is(err, ErrNotFound) {
		t.Fatalf("uncommitted write visible: %v", err)
	}
	if err := b.Commit(false); err != nil {
		t.Fatal(err)
	}
	b.Close()
	snap := eng.NewSnapshot()
	defer snap.Close()

	b = eng.NewBatch()
	start, end := ShardDataSpan(3)
	if err := b.DeleteRange(start, end); err != nil {
		t.Fatal(err)
	}
	if ok, _ := b.Has(k("a")); ok {
		t.Fatal("range deletion not visible in its batch")
	}
	if err := b.Commit(true); err != nil {
		t.Fatal(err)
	}
	b.Close()
	if err := eng.Sync(); err != nil {
		t.Fatal(err)
	}

	it, err := snap.NewIter(start, end)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for ok := it.First(); ok; ok = it.Next() {
		v, err := it.Value()
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, string(TableKeyOf(it.Key()))+"="+string(v))
	}
	if err := it.Close(); err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0] != "a=va" || got[2] != "c=vc" {
		t.Fatalf("snapshot scan: %v", got)
	}
	if _, err := eng.Get(k("a")); !errors.Is(err, ErrNotFound) {
		t.Fatalf("range deletion: %v", err)
	}
}

func TestSpans(t *testing.T) {
	s, e := TableSpan(1, 5, PrimaryIndexID)
	key, _ := EncodeKey(nil, 5, PrimaryIndexID, nil, nil)
	dk := DataKey(nil, 1, key)
	if string(dk) < string(s) || string(dk) >= string(e) {
		t.Fatalf("key %x outside its table span [%x, %x)", dk, s, e)
	}
	other := DataKey(nil, 2, key)
	if string(other) < string(e) == true && string(other) >= string(s) {
		t.Fatalf("shard 2 key inside shard 1 span")
	}
	if got := prefixEnd([]byte{1, 0xff}); string(got) != "\x02" {
		t.Fatalf("prefixEnd: %x", got)
	}
}
