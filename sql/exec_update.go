package sql

import (
	"bytes"
	"context"
	"errors"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/quiverdb/quiver/exec"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/planner"
	"github.com/quiverdb/quiver/shard"
)

// maxConflictRetries bounds how often a statement restarts when a row
// changed between its read and its write.
const maxConflictRetries = 5

// runUpdate runs UPDATE (sets non-nil) or DELETE (sets nil): the shards
// return the matching rows with their new values, the gateway writes them
// back with the old value as the expected one.
func (s *Session) runUpdate(ctx context.Context, t *planner.Table, filter *execpb.Expr, sets map[int]*execpb.Expr, params []types.Datum) (int64, error) {
	for attempt := 0; ; attempt++ {
		n, err := s.updateOnce(ctx, t, filter, sets, params)
		var conflict *shard.ConflictError
		if err == nil || !errors.As(err, &conflict) || attempt >= maxConflictRetries {
			return n, err
		}
	}
}

func (s *Session) updateOnce(ctx context.Context, t *planner.Table, filter *execpb.Expr, sets map[int]*execpb.Expr, params []types.Datum) (int64, error) {
	plan, order := updatePlan(t, filter, sets)
	p, err := physicalPlan(plan, params)
	if err != nil {
		return 0, err
	}
	outTypes := plan.Types()
	var pairs [][2][]types.Datum // old row, new row
	_, err = s.runPlan(ctx, p, func(rec arrow.Record) error {
		for _, r := range exec.RowsFromRecord(rec, outTypes) {
			old := r[:len(t.Columns)]
			nw := append([]types.Datum(nil), old...)
			for j, col := range order {
				nw[col] = r[len(t.Columns)+j]
			}
			pairs = append(pairs, [2][]types.Datum{old, nw})
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	w, err := s.rewriteOps(t, pairs, sets != nil)
	if err != nil {
		return 0, err
	}
	return int64(len(pairs)), w.send(ctx, s.srv.cfg.Shards, t)
}

// updatePlan reads every column of the matching rows, then the new value
// of each set column (in the returned order).
func updatePlan(t *planner.Table, filter *execpb.Expr, sets map[int]*execpb.Expr) (planner.Node, []int) {
	cols := make([]int, len(t.Columns))
	var exprs []*execpb.Expr
	var names []string
	for i, c := range t.Columns {
		cols[i] = i
		exprs = append(exprs, planner.MakeColumn(i, c.Type))
		names = append(names, c.Name)
	}
	var plan planner.Node = &planner.Scan{Table: t, Cols: cols}
	if filter != nil {
		plan = &planner.Filter{Input: plan, Pred: filter}
	}
	var order []int
	for i := range t.Columns {
		if e, ok := sets[i]; ok {
			order = append(order, i)
			exprs = append(exprs, e)
			names = append(names, "new_"+t.Columns[i].Name)
		}
	}
	return &planner.Project{Input: plan, Exprs: exprs, ColNames: names}, order
}

// rewriteOps turns (old, new) row pairs into shard ops: a put when the
// key is unchanged, else a delete of the old key and an insert of the new
// one; a DELETE deletes every old row. Inserts come after every delete,
// so that keys may move onto keys the statement frees (SET k = k + 1).
func (s *Session) rewriteOps(t *planner.Table, pairs [][2][]types.Datum, update bool) (*writeSet, error) {
	w := newWriteSet(s.srv.cfg.Meta.State())
	type insert struct {
		op  shard.Op
		row []types.Datum
	}
	var inserts []insert
	newKeys := map[string]bool{}
	for _, p := range pairs {
		old, err := encodeRow(t, p[0])
		if err != nil {
			return nil, err
		}
		if !update {
			w.add(shard.Op{Kind: shard.OpDelete, Key: old.key, Expect: old.value}, p[0])
			continue
		}
		if err := checkNotNull(t, p[1]); err != nil {
			return nil, err
		}
		nw, err := encodeRow(t, p[1])
		if err != nil {
			return nil, err
		}
		if newKeys[string(nw.key)] {
			return nil, duplicateKey(t, p[1])
		}
		newKeys[string(nw.key)] = true
		if bytes.Equal(old.key, nw.key) {
			w.add(shard.Op{Kind: shard.OpPut, Key: nw.key, Value: nw.value, Expect: old.value}, p[1])
			continue
		}
		w.add(shard.Op{Kind: shard.OpDelete, Key: old.key, Expect: old.value}, p[0])
		inserts = append(inserts, insert{shard.Op{Kind: shard.OpInsert, Key: nw.key, Value: nw.value}, p[1]})
	}
	for _, in := range inserts {
		w.add(in.op, in.row)
	}
	return w, nil
}
