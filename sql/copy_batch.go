package sql

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/meta"
	"github.com/quiverdb/quiver/planner"
	"github.com/quiverdb/quiver/shard"
	"github.com/quiverdb/quiver/storage"
)

// Batching of COPY FROM: rows are grouped per shard and a shard's group
// is sent when it holds copyBatchRows rows or copyBatchBytes bytes, while
// parsing goes on; at most copyInFlight writes run at once.
const (
	copyBatchRows  = 8192
	copyBatchBytes = 1 << 20
	copyInFlight   = 8
)

// copyBatch is one shard's piece of a COPY: rows encoded back to back in
// arena (key, then value), ends holding each key's and value's end.
type copyBatch struct {
	shard uint64
	arena []byte
	ends  []int32
	lines []int64 // input line of each row, for errors
}

// copyWritten is what undoing a written batch needs: its keys, back to
// back (the values are dropped so that a long COPY keeps little memory).
type copyWritten struct {
	shard uint64
	keys  []byte
	ends  []int32
	// maybe marks a batch whose write may or may not have applied.
	maybe bool
}

// written keeps b's keys.
func (b *copyBatch) written(maybe bool) *copyWritten {
	w := &copyWritten{shard: b.shard, ends: make([]int32, 0, b.rows()), maybe: maybe}
	start := int32(0)
	for i := 0; i < b.rows(); i++ {
		k, v := b.ends[2*i], b.ends[2*i+1]
		w.keys = append(w.keys, b.arena[start:k]...)
		w.ends = append(w.ends, int32(len(w.keys)))
		start = v
	}
	return w
}

// undoCommand deletes the batch's rows, last first. The deletes expect
// no value: each key was absent before the COPY inserted it, so the COPY
// owns whatever the key holds now.
func (w *copyWritten) undoCommand() *shard.WriteCommand {
	ops := make([]shard.Op, len(w.ends))
	start := int32(0)
	for i, end := range w.ends {
		ops[len(ops)-1-i] = shard.Op{Kind: shard.OpDelete, Key: w.keys[start:end:end]}
		start = end
	}
	return &shard.WriteCommand{Ops: ops}
}

func (b *copyBatch) rows() int { return len(b.ends) / 2 }

// command returns the batch as OpInsert ops.
func (b *copyBatch) command() *shard.WriteCommand {
	ops := make([]shard.Op, b.rows())
	start := int32(0)
	for i := range ops {
		k, v := b.ends[2*i], b.ends[2*i+1]
		ops[i] = shard.Op{Kind: shard.OpInsert, Key: b.arena[start:k:k], Value: b.arena[k:v:v]}
		start = v
	}
	return &shard.WriteCommand{Ops: ops}
}

// copyWriter sends a COPY's batches and undoes them if the COPY fails.
type copyWriter struct {
	ctx   context.Context
	svc   shard.Service
	state *meta.State
	table *planner.Table
	where string // "COPY t"

	open map[uint64]*copyBatch
	// sentRows and sentBytes size the next arenas.
	sentRows, sentBytes int64
	sem                 chan struct{}
	wg                  sync.WaitGroup

	mu      sync.Mutex
	applied []*copyWritten // written, or maybe written: undone on failure
	err     error          // the first failure
}

func newCopyWriter(ctx context.Context, svc shard.Service, state *meta.State, t *planner.Table) *copyWriter {
	return &copyWriter{
		ctx: ctx, svc: svc, state: state, table: t, where: "COPY " + t.Name,
		open: map[uint64]*copyBatch{}, sem: make(chan struct{}, copyInFlight),
	}
}

// batchFor returns the open batch of the shard that owns key.
func (w *copyWriter) batchFor(key []byte) *copyBatch {
	id := w.state.Slots[copySlotOf(key)]
	b := w.open[id]
	if b == nil {
		// Arenas are never reused (a shard.Service may keep the slices
		// of a command it applied): size them for the rows seen so far.
		b = &copyBatch{shard: id, arena: make([]byte, 0, w.arenaSize())}
		w.open[id] = b
	}
	return b
}

// copySlotOf is meta.SlotOf (FNV-1a 64 of the key, modulo the slot
// count) without its hasher's allocation; a test checks they agree.
func copySlotOf(key []byte) uint32 {
	const offset64, prime64 = 14695981039346656037, 1099511628211
	h := uint64(offset64)
	for _, c := range key {
		h ^= uint64(c)
		h *= prime64
	}
	return uint32(h % meta.SlotCount)
}

// arenaSize estimates a full batch's bytes from the batches sent so far.
func (w *copyWriter) arenaSize() int {
	if w.sentRows == 0 {
		return 64 << 10
	}
	perRow := w.sentBytes/w.sentRows + 1
	return int(min(perRow*copyBatchRows*9/8, copyBatchBytes*5/4))
}

// added records a row appended to b, and sends b when it is full. It
// returns the first failure of a write so far.
func (w *copyWriter) added(b *copyBatch, keyEnd, valueEnd int, line int64) error {
	b.ends = append(b.ends, int32(keyEnd), int32(valueEnd))
	b.lines = append(b.lines, line)
	if b.rows() < copyBatchRows && len(b.arena) < copyBatchBytes {
		return nil
	}
	delete(w.open, b.shard)
	w.sentRows += int64(b.rows())
	w.sentBytes += int64(len(b.arena))
	w.send(b)
	return w.failure()
}

func (w *copyWriter) failure() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// send writes b in the background, waiting while copyInFlight writes run.
func (w *copyWriter) send(b *copyBatch) {
	w.sem <- struct{}{}
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		err := w.svc.Write(w.ctx, b.shard, b.command())
		<-w.sem
		w.done(b, err)
	}()
}

func (w *copyWriter) done(b *copyBatch, err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err == nil || pgerror.CodeOf(err) == pgerror.StatementCompletionUnknown {
		w.applied = append(w.applied, b.written(err != nil))
	}
	if err != nil && w.err == nil {
		w.err = w.describe(b, err)
	}
}

// describe turns a duplicate key into PostgreSQL's 23505 naming the key
// and the input line.
func (w *copyWriter) describe(b *copyBatch, err error) error {
	var dup *shard.DuplicateKeyError
	if !errors.As(err, &dup) || dup.Op < 0 || dup.Op >= b.rows() {
		return err
	}
	t := w.table
	keyTypes := make([]types.T, len(t.Key))
	for i, k := range t.Key {
		keyTypes[i] = t.Columns[k].Type
	}
	keyVals := make([]types.Datum, len(t.Key))
	op := b.command().Ops[dup.Op]
	if storage.DecodeKey(op.Key, keyTypes, keyVals) != nil {
		return err
	}
	vals := make([]types.Datum, len(t.Columns))
	for i, k := range t.Key {
		vals[k] = keyVals[i]
	}
	return pgerror.WithWhere(duplicateKey(t, vals), fmt.Sprintf("%s, line %d", w.where, b.lines[dup.Op]))
}

// finish sends the open batches and waits for every write. On failure it
// undoes what was written.
func (w *copyWriter) finish() error {
	for id, b := range w.open {
		delete(w.open, id)
		if w.failure() != nil {
			break
		}
		w.send(b)
	}
	w.wg.Wait()
	if err := w.failure(); err != nil {
		return w.undo(err)
	}
	return nil
}

// abort waits for the writes in flight and undoes every written batch:
// the COPY failed with cause.
func (w *copyWriter) abort(cause error) error {
	w.wg.Wait()
	return w.undo(cause)
}

// undo deletes the rows of every batch that was (or may have been)
// written, and returns cause, or 40003 when that failed.
func (w *copyWriter) undo(cause error) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(w.ctx), undoTimeout)
	defer cancel()
	var failed error
	for _, b := range w.applied {
		if err := w.svc.Write(ctx, b.shard, b.undoCommand()); err != nil && !b.maybe {
			failed = err
		}
	}
	w.applied = nil
	if failed != nil {
		return pgerror.WithDetail(pgerror.Wrapf(cause, pgerror.StatementCompletionUnknown,
			"statement failed and was only partly undone"), failed.Error())
	}
	return cause
}
