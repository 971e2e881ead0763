package exec

import (
	"container/heap"
	"context"
	"errors"
	"io"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
)

func buildMerge(ctx context.Context, node *execpb.Node, env *Env, alloc memory.Allocator) (Operator, error) {
	if env.Sources == nil {
		return nil, pgerror.AssertionFailedf("merge without Env.Sources")
	}
	srcs, err := env.Sources(ctx, node.Source)
	if err != nil {
		return nil, err
	}
	srcs = prefetchAll(srcs)
	schema := Schema(node.Types, node.Names)
	if len(node.Ordering) == 0 {
		return &unionOp{schema: schema, inputs: srcs}, nil
	}
	keys, err := resolveKeys(schema, node.Ordering)
	if err != nil {
		closeAll(srcs)
		return nil, err
	}
	return &orderedMergeOp{schema: schema, inputs: srcs, keys: keys, alloc: alloc}, nil
}

func closeAll(ops []Operator) error {
	var errs []error
	for _, op := range ops {
		errs = append(errs, op.Close())
	}
	return errors.Join(errs...)
}

func openAll(ctx context.Context, ops []Operator) error {
	for _, op := range ops {
		if err := op.Open(ctx); err != nil {
			return err
		}
	}
	return nil
}

// unionOp returns the batches of its inputs one input after the other.
type unionOp struct {
	schema *arrow.Schema
	inputs []Operator
	cur    int
}

var _ Operator = (*unionOp)(nil)

// Schema implements Operator.
func (u *unionOp) Schema() *arrow.Schema { return u.schema }

// Open implements Operator.
func (u *unionOp) Open(ctx context.Context) error { return openAll(ctx, u.inputs) }

// Next implements Operator.
func (u *unionOp) Next(ctx context.Context) (arrow.Record, error) {
	for u.cur < len(u.inputs) {
		rec, err := u.inputs[u.cur].Next(ctx)
		if errors.Is(err, io.EOF) {
			u.cur++
			continue
		}
		if err != nil {
			return nil, err
		}
		if rec.NumRows() > 0 {
			return rec, nil
		}
	}
	return nil, io.EOF
}

// Close implements Operator.
func (u *unionOp) Close() error { return closeAll(u.inputs) }

// mergeCursor is one input's current batch and row.
type mergeCursor struct {
	in  Operator
	rec arrow.Record
	row int
}

// orderedMergeOp merges inputs each sorted by keys into one sorted
// stream (a k-way merge over a heap of cursors).
type orderedMergeOp struct {
	schema  *arrow.Schema
	inputs  []Operator
	keys    []sortKey
	alloc   memory.Allocator
	heap    cursorHeap
	started bool
	held    []arrow.Record // batches referenced by the batch being built
	out     arrow.Record
}

var _ Operator = (*orderedMergeOp)(nil)

// Schema implements Operator.
func (m *orderedMergeOp) Schema() *arrow.Schema { return m.schema }

// Open implements Operator.
func (m *orderedMergeOp) Open(ctx context.Context) error { return openAll(ctx, m.inputs) }

// advance loads c's next non-empty batch; ok is false at EOF.
func (m *orderedMergeOp) advance(ctx context.Context, c *mergeCursor) (bool, error) {
	for {
		rec, err := c.in.Next(ctx)
		if errors.Is(err, io.EOF) {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		if rec.NumRows() > 0 {
			rec.Retain()
			m.held = append(m.held, rec)
			c.rec, c.row = rec, 0
			return true, nil
		}
	}
}

func (m *orderedMergeOp) start(ctx context.Context) error {
	m.heap.keys = m.keys
	for _, in := range m.inputs {
		c := &mergeCursor{in: in}
		ok, err := m.advance(ctx, c)
		if err != nil {
			return err
		}
		if ok {
			m.heap.cs = append(m.heap.cs, c)
		}
	}
	heap.Init(&m.heap)
	return nil
}

// Next implements Operator.
func (m *orderedMergeOp) Next(ctx context.Context) (arrow.Record, error) {
	m.releaseOut()
	if !m.started {
		m.started = true
		if err := m.start(ctx); err != nil {
			return nil, err
		}
	}
	if len(m.heap.cs) == 0 {
		return nil, io.EOF
	}
	bs := make([]array.Builder, m.schema.NumFields())
	for i, f := range m.schema.Fields() {
		bs[i] = array.NewBuilder(m.alloc, f.Type)
		defer bs[i].Release()
	}
	n, err := m.fill(ctx, bs)
	if err != nil {
		return nil, err
	}
	cols := make([]arrow.Array, len(bs))
	for i, b := range bs {
		cols[i] = b.NewArray()
	}
	m.out = newRecord(m.schema, cols, n)
	m.releaseHeld()
	return m.out, nil
}

// fill appends up to BatchSize rows in order to bs.
func (m *orderedMergeOp) fill(ctx context.Context, bs []array.Builder) (int, error) {
	n := 0
	for ; n < BatchSize && len(m.heap.cs) > 0; n++ {
		c := m.heap.cs[0]
		for i, b := range bs {
			appendCell(b, c.rec.Column(i), c.row)
		}
		c.row++
		if c.row < int(c.rec.NumRows()) {
			heap.Fix(&m.heap, 0)
			continue
		}
		ok, err := m.advance(ctx, c)
		if err != nil {
			return 0, err
		}
		if ok {
			heap.Fix(&m.heap, 0)
		} else {
			heap.Pop(&m.heap)
		}
	}
	return n, nil
}

// releaseHeld releases the batches no cursor is still reading.
func (m *orderedMergeOp) releaseHeld() {
	live := map[arrow.Record]bool{}
	for _, c := range m.heap.cs {
		live[c.rec] = true
	}
	kept := m.held[:0]
	for _, r := range m.held {
		if live[r] {
			kept = append(kept, r)
			delete(live, r)
		} else {
			r.Release()
		}
	}
	m.held = kept
}

func (m *orderedMergeOp) releaseOut() {
	if m.out != nil {
		m.out.Release()
		m.out = nil
	}
}

// Close implements Operator.
func (m *orderedMergeOp) Close() error {
	m.releaseOut()
	releaseAll(m.held)
	m.held = nil
	m.heap.cs = nil
	return closeAll(m.inputs)
}

// cursorHeap orders cursors by their current row.
type cursorHeap struct {
	cs   []*mergeCursor
	keys []sortKey
}

func (h *cursorHeap) Len() int { return len(h.cs) }
func (h *cursorHeap) Less(i, j int) bool {
	a, b := h.cs[i], h.cs[j]
	return compareRows(h.keys, a.rec, a.row, b.rec, b.row) < 0
}
func (h *cursorHeap) Swap(i, j int) { h.cs[i], h.cs[j] = h.cs[j], h.cs[i] }
func (h *cursorHeap) Push(x any)    { h.cs = append(h.cs, x.(*mergeCursor)) }
func (h *cursorHeap) Pop() any {
	c := h.cs[len(h.cs)-1]
	h.cs = h.cs[:len(h.cs)-1]
	return c
}
