package shard

import (
	"bytes"
	"encoding/binary"
	"slices"

	"github.com/quiverdb/quiver/internal/metrics"
	"github.com/quiverdb/quiver/storage"
)

// applyScratch is memory apply reuses between commands. Its zero value is
// ready to use.
type applyScratch struct {
	key   []byte
	index [8]byte
	// prev[i] is the latest op before op i on the same key, or -1; order
	// is the ops sorted by (key, position), used to compute prev.
	prev    []int32
	order   []int32
	dropped []droppedTable // OpDeleteTables met so far in the command
}

// droppedTable is an OpDeleteTable of table at position at.
type droppedTable struct {
	table uint32
	at    int
}

// apply writes cmd, the entry at Raft index of shard, into b: either all
// of its ops or, when a precondition fails, none of them. A command with
// a request identity that the shard applied before (or that a later
// request of its client superseded) writes nothing and gets the
// remembered answer (dedup.go); otherwise its result is remembered for
// its client. Either way it writes index as the shard's applied index.
// It is deterministic: the result depends only on b's contents and its
// arguments. The error is a storage failure, after which b must be
// discarded.
func apply(b *storage.Batch, shard, index uint64, cmd *WriteCommand, sc *applyScratch) (result, error) {
	res, err := applyOnce(b, shard, cmd, sc)
	if err != nil {
		return result{}, err
	}
	binary.BigEndian.PutUint64(sc.index[:], index)
	return res, b.Set(storage.AppliedIndexKey(shard), sc.index[:])
}

// applyOnce applies cmd unless its request identity says it was seen.
func applyOnce(b *storage.Batch, shard uint64, cmd *WriteCommand, sc *applyScratch) (result, error) {
	if cmd.Client == 0 {
		return applyOps(b, shard, cmd, sc)
	}
	if res, seen, err := seenBefore(b, shard, cmd, sc); err != nil || seen {
		return res, err
	}
	res, err := applyOps(b, shard, cmd, sc)
	if err != nil {
		return result{}, err
	}
	return res, recordSession(b, shard, cmd, res, sc)
}

// applyOps checks cmd's preconditions and, when they hold, writes its
// ops.
func applyOps(b *storage.Batch, shard uint64, cmd *WriteCommand, sc *applyScratch) (result, error) {
	a := applier{b: b, shard: shard, cmd: cmd, sc: sc, multi: len(cmd.Ops) > 1}
	res, err := a.check()
	if a.it != nil {
		if cerr := a.it.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return result{}, err
	}
	if res.kind == resultOK {
		if err := a.write(); err != nil {
			return result{}, err
		}
	}
	return res, nil
}

// applier is one apply call's state.
type applier struct {
	b     *storage.Batch
	shard uint64
	cmd   *WriteCommand
	sc    *applyScratch
	multi bool // the command has several ops: track their overlay
	it    *storage.Iter
}

// check checks every op's precondition against the state the op would
// see: b's contents overlaid with the command's earlier ops.
func (a *applier) check() (result, error) {
	a.sc.dropped = a.sc.dropped[:0]
	if a.multi {
		a.linkSameKeys()
	}
	for i := range a.cmd.Ops {
		op := &a.cmd.Ops[i]
		if op.Kind == OpDeleteTable {
			a.sc.dropped = append(a.sc.dropped, droppedTable{table: op.Table, at: i})
			continue
		}
		kind, err := a.checkOp(i)
		if err != nil || kind != resultOK {
			return result{kind: kind, op: i}, err
		}
	}
	return result{}, nil
}

// linkSameKeys fills sc.prev: for each op, the latest earlier op on the
// same key. Sorting positions avoids a map (and its per-key allocation).
func (a *applier) linkSameKeys() {
	ops := a.cmd.Ops
	n := len(ops)
	a.sc.order = slices.Grow(a.sc.order[:0], n)[:n]
	a.sc.prev = slices.Grow(a.sc.prev[:0], n)[:n]
	for i := range n {
		a.sc.order[i] = int32(i)
	}
	slices.SortFunc(a.sc.order, func(x, y int32) int {
		if c := bytes.Compare(ops[x].Key, ops[y].Key); c != 0 {
			return c
		}
		return int(x - y)
	})
	for p, i := range a.sc.order {
		a.sc.prev[i] = -1
		if p > 0 && ops[i].Kind != OpDeleteTable {
			if j := a.sc.order[p-1]; ops[j].Kind != OpDeleteTable && bytes.Equal(ops[j].Key, ops[i].Key) {
				a.sc.prev[i] = j
			}
		}
	}
}

func (a *applier) checkOp(i int) (resultKind, error) {
	op := &a.cmd.Ops[i]
	switch {
	case op.Kind == OpInsert:
		exists, err := a.exists(i)
		if err != nil || !exists {
			return resultOK, err
		}
		return resultDuplicate, nil
	case op.Expect != nil:
		eq, err := a.holds(i)
		if err != nil || eq {
			return resultOK, err
		}
		return resultConflict, nil
	}
	return resultOK, nil
}

// exists reports whether op i's key exists as op i sees it.
func (a *applier) exists(i int) (bool, error) {
	key := a.cmd.Ops[i].Key
	prev, ok := a.earlierOp(i)
	switch {
	case a.droppedAfter(key, prev):
		return false, nil
	case ok:
		return a.cmd.Ops[prev].Kind != OpDelete, nil
	}
	_, found, err := a.stored(key)
	return found, err
}

// holds reports whether op i's key holds exactly its Expect as op i sees
// it.
func (a *applier) holds(i int) (bool, error) {
	op := &a.cmd.Ops[i]
	prev, ok := a.earlierOp(i)
	switch {
	case a.droppedAfter(op.Key, prev):
		return false, nil
	case ok:
		p := &a.cmd.Ops[prev]
		return p.Kind != OpDelete && bytes.Equal(p.Value, op.Expect), nil
	}
	v, found, err := a.stored(op.Key)
	return found && bytes.Equal(v, op.Expect), err
}

// stored reads key as the batch sees it through one iterator per command
// (cheaper than a Get per key). The value is valid until the next call.
func (a *applier) stored(key []byte) ([]byte, bool, error) {
	if a.it == nil {
		start, end := storage.ShardDataSpan(a.shard)
		it, err := a.b.NewIter(start, end)
		if err != nil {
			return nil, false, err
		}
		a.it = it
	}
	dk := a.dataKey(key)
	if !a.it.SeekGE(dk) {
		return nil, false, a.it.Error()
	}
	if !bytes.Equal(a.it.Key(), dk) {
		return nil, false, nil
	}
	v, err := a.it.Value()
	return v, err == nil, err
}

// earlierOp returns the latest op before op i on the same key (-1: none).
func (a *applier) earlierOp(i int) (int, bool) {
	if !a.multi || a.sc.prev[i] < 0 {
		return -1, false
	}
	return int(a.sc.prev[i]), true
}

// droppedAfter reports whether an OpDeleteTable met so far, after
// position after, cleared key's table.
func (a *applier) droppedAfter(key []byte, after int) bool {
	if len(a.sc.dropped) == 0 || len(key) < 4 {
		return false
	}
	table := binary.BigEndian.Uint32(key)
	for _, d := range a.sc.dropped {
		if d.table == table && d.at > after {
			return true
		}
	}
	return false
}

func (a *applier) dataKey(key []byte) []byte {
	a.sc.key = storage.DataKey(a.sc.key[:0], a.shard, key)
	return a.sc.key
}

// write writes every op into the batch.
func (a *applier) write() error {
	rows := int64(0)
	for i := range a.cmd.Ops {
		op := &a.cmd.Ops[i]
		var err error
		switch op.Kind {
		case OpInsert, OpPut:
			err = a.b.Set(a.dataKey(op.Key), op.Value)
		case OpDelete:
			err = a.b.Delete(a.dataKey(op.Key))
		case OpDeleteTable:
			start, end := storage.TableAllIndexesSpan(a.shard, op.Table)
			err = a.b.DeleteRange(start, end)
		}
		if err != nil {
			return err
		}
		rows++
	}
	metrics.RowsWritten.Add(rows)
	return nil
}
