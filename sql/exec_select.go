package sql

import (
	"context"
	"errors"
	"io"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/quiverdb/quiver/exec"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/meta"
	"github.com/quiverdb/quiver/planner"
	"github.com/quiverdb/quiver/storage"
)

// physicalPlan substitutes params into a logical plan, optimizes it and
// distributes it.
func physicalPlan(plan planner.Node, params []types.Datum) (*execpb.Plan, error) {
	plan, err := planner.Substitute(plan, params)
	if err != nil {
		return nil, err
	}
	if plan, err = planner.Optimize(plan); err != nil {
		return nil, err
	}
	return planner.Distribute(plan)
}

// genericPlan plans a bound query once, parameters left in place; nil
// when that is not possible.
func genericPlan(plan planner.Node) *execpb.Plan {
	opt, err := planner.Optimize(plan)
	if err != nil {
		return nil
	}
	p, err := planner.Distribute(opt)
	if err != nil {
		return nil
	}
	return p
}

// runSelect runs a query and passes each result batch to emit. It returns
// the number of rows.
func (s *Session) runSelect(ctx context.Context, st *selectStmt, params []types.Datum, emit func(arrow.Record) error) (int64, error) {
	var p *execpb.Plan
	var err error
	if st.generic != nil {
		p, err = planner.SubstitutePlan(st.generic, params)
	} else {
		p, err = physicalPlan(st.plan, params)
	}
	if err != nil {
		return 0, err
	}
	return s.runPlan(ctx, p, func(rec arrow.Record) error { return emit(rec) })
}

// runPlan runs a distributed plan: shard fragments on their shards, the
// gateway fragment here.
func (s *Session) runPlan(ctx context.Context, p *execpb.Plan, emit func(arrow.Record) error) (int64, error) {
	state := s.srv.cfg.Meta.State()
	env := &exec.Env{Alloc: memory.DefaultAllocator, Sources: func(ctx context.Context, source int) ([]exec.Operator, error) {
		return s.shardStreams(ctx, state, p.Shard[source])
	}}
	op, err := exec.Build(ctx, p.Gateway, env)
	if err != nil {
		return 0, err
	}
	if err := op.Open(ctx); err != nil {
		op.Close()
		return 0, err
	}
	n, err := pump(ctx, op, emit)
	if cerr := op.Close(); err == nil {
		err = cerr
	}
	return n, err
}

func pump(ctx context.Context, op exec.Operator, emit func(arrow.Record) error) (int64, error) {
	var n int64
	for {
		rec, err := op.Next(ctx)
		if errors.Is(err, io.EOF) {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		if rec.NumRows() == 0 {
			continue
		}
		n += rec.NumRows()
		if err := emit(rec); err != nil {
			return n, err
		}
	}
}

// shardStreams starts frag on every shard that may hold its rows: the one
// owning the point key, or every data shard.
func (s *Session) shardStreams(ctx context.Context, state *meta.State, frag *execpb.Node) ([]exec.Operator, error) {
	shards, err := targetShards(state, frag)
	if err != nil {
		return nil, err
	}
	ops := make([]exec.Operator, 0, len(shards))
	for _, id := range shards {
		op, err := s.srv.cfg.Shards.Query(ctx, id, frag)
		if err != nil {
			for _, o := range ops {
				o.Close()
			}
			return nil, err
		}
		ops = append(ops, op)
	}
	return ops, nil
}

func targetShards(state *meta.State, frag *execpb.Node) ([]uint64, error) {
	scan := frag
	for scan != nil && scan.Kind != execpb.NodeScan {
		scan = scan.Input
	}
	if scan == nil || scan.Scan.Point == nil {
		return state.DataShards(), nil
	}
	key, err := pointKey(scan.Scan)
	if err != nil {
		return nil, err
	}
	return []uint64{state.ShardOf(key)}, nil
}

// pointKey encodes the storage key a point scan reads.
func pointKey(sc *execpb.Scan) ([]byte, error) {
	vals := make([]types.Datum, len(sc.Point))
	ts := make([]types.T, len(sc.Point))
	for i, e := range sc.Point {
		ts[i] = sc.Table.Columns[sc.Table.Key[i]].Type
		d, err := types.ParseText(ts[i], e.Text)
		if err != nil {
			return nil, err
		}
		vals[i] = d
	}
	return storage.EncodeKey(nil, sc.Table.ID, storage.PrimaryIndexID, vals, ts)
}

// recordOf builds a record of rows.
func recordOf(ts []types.T, rows [][]types.Datum) arrow.Record {
	return exec.RecordFromRows(memory.DefaultAllocator, ts, rows)
}
