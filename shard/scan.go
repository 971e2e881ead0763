package shard

import (
	"context"
	"io"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/quiverdb/quiver/exec"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/metrics"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/storage"
)

// scan reads one table's rows of a shard from an Engine snapshot and
// decodes the needed columns straight into Arrow builders.
type scan struct {
	snap   *storage.Snapshot
	shard  uint64
	spec   *execpb.Scan
	schema *arrow.Schema
	plan   *scanPlan
	dec    *rowDecoder
	it     *storage.Iter
	point  bool // spec.Point: one Get, then EOF
	done   bool
	rec    arrow.Record
}

var _ exec.Operator = (*scan)(nil)

func newScan(snap *storage.Snapshot, shard uint64, spec *execpb.Scan, alloc memory.Allocator) (*scan, error) {
	plan, err := newScanPlan(spec)
	if err != nil {
		return nil, err
	}
	names := make([]string, len(spec.Cols))
	for i, c := range spec.Cols {
		names[i] = spec.Table.Columns[c].Name
	}
	return &scan{
		snap: snap, shard: shard, spec: spec, plan: plan,
		schema: exec.Schema(plan.outTypes, names),
		dec:    newRowDecoder(plan, alloc),
		point:  spec.Point != nil,
	}, nil
}

// Schema implements exec.Operator.
func (s *scan) Schema() *arrow.Schema { return s.schema }

// Open implements exec.Operator.
func (s *scan) Open(ctx context.Context) error {
	if s.point {
		return nil
	}
	start, end := storage.TableSpan(s.shard, s.spec.Table.ID, storage.PrimaryIndexID)
	it, err := s.snap.NewIter(start, end)
	if err != nil {
		return err
	}
	s.it = it
	if !it.First() {
		s.done = true
		return it.Error()
	}
	return nil
}

// Next implements exec.Operator.
func (s *scan) Next(ctx context.Context) (arrow.Record, error) {
	s.release()
	if s.point {
		return s.nextPoint()
	}
	if s.done {
		return nil, io.EOF
	}
	if err := ctx.Err(); err != nil {
		return nil, pgerror.Wrapf(err, pgerror.QueryCanceled, "canceling statement")
	}
	n := 0
	for ; n < exec.BatchSize && s.it.Valid(); n++ {
		v, err := s.it.Value()
		if err != nil {
			return nil, err
		}
		if err := s.dec.decodeRow(storage.TableKeyOf(s.it.Key()), v); err != nil {
			return nil, err
		}
		s.it.Next()
	}
	if !s.it.Valid() {
		s.done = true
		if err := s.it.Error(); err != nil {
			return nil, err
		}
	}
	return s.emit(n)
}

func (s *scan) emit(n int) (arrow.Record, error) {
	if n == 0 {
		return nil, io.EOF
	}
	metrics.RowsScanned.Add(int64(n))
	s.rec = s.dec.record(s.schema, n)
	return s.rec, nil
}

// nextPoint reads the one row spec.Point names.
func (s *scan) nextPoint() (arrow.Record, error) {
	if s.done {
		return nil, io.EOF
	}
	s.done = true
	key, err := pointKey(s.spec)
	if err != nil {
		return nil, err
	}
	err = s.snap.GetFunc(storage.DataKey(nil, s.shard, key), func(v []byte) error {
		return s.dec.decodeRow(key, v)
	})
	if err == storage.ErrNotFound {
		return nil, io.EOF
	}
	if err != nil {
		return nil, err
	}
	return s.emit(1)
}

// pointKey encodes the table key of a point scan's constant key values.
func pointKey(spec *execpb.Scan) ([]byte, error) {
	tbl := &spec.Table
	if len(spec.Point) != len(tbl.Key) {
		return nil, pgerror.AssertionFailedf("point scan: %d values for %d key columns", len(spec.Point), len(tbl.Key))
	}
	vals := make([]types.Datum, len(tbl.Key))
	ts := make([]types.T, len(tbl.Key))
	for i, c := range tbl.Key {
		e := spec.Point[i]
		ts[i] = tbl.Columns[c].Type
		if e == nil || e.Kind != execpb.ExprConst || e.Null {
			return nil, pgerror.AssertionFailedf("point scan: key value %d is not a non-NULL constant", i)
		}
		d, err := types.ParseText(ts[i], e.Text)
		if err != nil {
			return nil, err
		}
		vals[i] = d
	}
	return storage.EncodeKey(nil, tbl.ID, storage.PrimaryIndexID, vals, ts)
}

func (s *scan) release() {
	if s.rec != nil {
		s.rec.Release()
		s.rec = nil
	}
}

// Close implements exec.Operator.
func (s *scan) Close() error {
	s.release()
	s.dec.release()
	if s.it != nil {
		it := s.it
		s.it = nil
		return it.Close()
	}
	return nil
}
