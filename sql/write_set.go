package sql

import (
	"context"
	"errors"
	"slices"
	"sync"
	"time"

	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/meta"
	"github.com/quiverdb/quiver/planner"
	"github.com/quiverdb/quiver/shard"
)

// undoTimeout bounds the compensating writes of a failed statement; they
// run even when the statement's own context was cancelled.
const undoTimeout = 30 * time.Second

// writeSet groups a statement's ops by the shard that owns their keys.
//
// Each shard applies its piece atomically. Until multi-shard transactions
// exist (MVCC), a statement that touches several shards is made
// all-or-nothing by compensation: when a piece fails, the pieces that
// applied are undone with inverse ops whose Expect is what the statement
// wrote. Concurrent readers can see a failed statement's rows for that
// short while.
type writeSet struct {
	state *meta.State
	cmds  map[uint64]*shard.WriteCommand
	rows  map[uint64][][]types.Datum // the row of each op, for errors
}

func newWriteSet(state *meta.State) *writeSet {
	return &writeSet{state: state, cmds: map[uint64]*shard.WriteCommand{}, rows: map[uint64][][]types.Datum{}}
}

func (w *writeSet) add(op shard.Op, row []types.Datum) {
	id := w.state.ShardOf(op.Key)
	cmd := w.cmds[id]
	if cmd == nil {
		cmd = &shard.WriteCommand{}
		w.cmds[id] = cmd
	}
	cmd.Ops = append(cmd.Ops, op)
	w.rows[id] = append(w.rows[id], row)
}

// send writes every shard's piece concurrently. If any piece fails, it
// undoes the pieces that applied and returns the failure of the lowest
// failing shard id (a duplicate key turned into 23505 with its key).
func (w *writeSet) send(ctx context.Context, svc shard.Service, t *planner.Table) error {
	ids := make([]uint64, 0, len(w.cmds))
	for id := range w.cmds {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	errs := make([]error, len(ids))
	var wg sync.WaitGroup
	for i, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = svc.Write(ctx, id, w.cmds[id])
		}()
	}
	wg.Wait()
	first := -1
	for i, err := range errs {
		if err != nil {
			first = i
			break
		}
	}
	if first < 0 {
		return nil
	}
	err := w.describe(ids[first], errs[first], t)
	return w.undo(ctx, svc, ids, errs, err)
}

// describe turns a shard's duplicate key error into PostgreSQL's 23505.
func (w *writeSet) describe(id uint64, err error, t *planner.Table) error {
	var dup *shard.DuplicateKeyError
	if errors.As(err, &dup) && dup.Op >= 0 && dup.Op < len(w.rows[id]) {
		return duplicateKey(t, w.rows[id][dup.Op])
	}
	return err
}

// undo writes, concurrently, the inverse of every piece that applied
// (errs[i] == nil) or may have applied (40003), and returns cause, or a
// 40003 error naming cause when a piece could not be undone. The inverse
// of a piece that never applied fails its Expect check (a conflict) and
// changes nothing, so that outcome counts as undone.
func (w *writeSet) undo(ctx context.Context, svc shard.Service, ids []uint64, errs []error, cause error) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), undoTimeout)
	defer cancel()
	failures := make([]error, len(ids))
	var wg sync.WaitGroup
	for i, id := range ids {
		unknown := errs[i] != nil && pgerror.CodeOf(errs[i]) == pgerror.StatementCompletionUnknown
		if errs[i] != nil && !unknown {
			continue
		}
		inv, ok := inverse(w.cmds[id])
		if !ok {
			failures[i] = pgerror.AssertionFailedf("shard %d: write is not invertible", id)
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := svc.Write(ctx, id, inv)
			var conflict *shard.ConflictError
			if err != nil && !(unknown && errors.As(err, &conflict)) {
				failures[i] = err
			}
		}()
	}
	wg.Wait()
	if failed := errors.Join(failures...); failed != nil {
		return pgerror.WithDetail(pgerror.Wrapf(cause, pgerror.StatementCompletionUnknown,
			"statement failed and was only partly undone"), failed.Error())
	}
	return cause
}

// inverse returns the ops that undo cmd after it applied, in reverse
// order. Only ops whose previous state is known can be inverted: inserts,
// and puts and deletes that carry the value they expected.
func inverse(cmd *shard.WriteCommand) (*shard.WriteCommand, bool) {
	ops := make([]shard.Op, 0, len(cmd.Ops))
	for i := len(cmd.Ops) - 1; i >= 0; i-- {
		op := cmd.Ops[i]
		switch {
		case op.Kind == shard.OpInsert:
			ops = append(ops, shard.Op{Kind: shard.OpDelete, Key: op.Key, Expect: op.Value})
		case op.Kind == shard.OpPut && op.Expect != nil:
			ops = append(ops, shard.Op{Kind: shard.OpPut, Key: op.Key, Value: op.Expect, Expect: op.Value})
		case op.Kind == shard.OpDelete && op.Expect != nil:
			ops = append(ops, shard.Op{Kind: shard.OpInsert, Key: op.Key, Value: op.Expect})
		default:
			return nil, false
		}
	}
	return &shard.WriteCommand{Ops: ops}, true
}
