package exec

import (
	"context"
	"errors"
	"io"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
)

// aggSlot is one aggregate: its aggregator and its input columns.
type aggSlot struct {
	agg  aggregator
	cols []int
	out  []types.T
}

// hashAggOp groups its input by hash and computes aggregates. In Final
// mode its input is AggPartial's output: the group columns (at
// GroupCols), then each aggregate's state columns in order, starting
// after the last group column.
type hashAggOp struct {
	input  Operator
	alloc  memory.Allocator
	spec   *execpb.Aggregate
	schema *arrow.Schema
	outTs  []types.T
	slots  []aggSlot
	g      []uint32
	result arrow.Record
	pos    int64
	done   bool
	out    arrow.Record
}

var _ Operator = (*hashAggOp)(nil)

func newHashAggOp(alloc memory.Allocator, input Operator, node *execpb.Node) (Operator, error) {
	spec := node.Agg
	if spec == nil {
		return nil, pgerror.AssertionFailedf("aggregate node without spec")
	}
	in := TypesOf(input.Schema())
	for _, c := range spec.GroupCols {
		if c < 0 || c >= len(in) {
			return nil, pgerror.AssertionFailedf("group column %d out of range", c)
		}
	}
	slots, err := buildSlots(spec, len(spec.GroupCols), len(in))
	if err != nil {
		return nil, err
	}
	outTs := append([]types.T(nil), groupTypes(spec, in)...)
	for _, s := range slots {
		outTs = append(outTs, s.out...)
	}
	names := node.Names
	if len(node.Types) == len(outTs) {
		outTs = node.Types
	}
	return &hashAggOp{input: input, alloc: alloc, spec: spec, slots: slots, outTs: outTs, schema: Schema(outTs, names)}, nil
}

func groupTypes(spec *execpb.Aggregate, in []types.T) []types.T {
	if len(spec.GroupTypes) == len(spec.GroupCols) {
		return spec.GroupTypes
	}
	ts := make([]types.T, len(spec.GroupCols))
	for i, c := range spec.GroupCols {
		ts[i] = in[c]
	}
	return ts
}

func buildSlots(spec *execpb.Aggregate, nGroup, nIn int) ([]aggSlot, error) {
	slots := make([]aggSlot, len(spec.Aggs))
	next := nGroup // Final: the next state column
	for i, f := range spec.Aggs {
		var err error
		if spec.Mode == execpb.AggFinal {
			n := len(execpb.PartialTypes(f))
			cols := make([]int, n)
			for k := range cols {
				cols[k] = next + k
			}
			next += n
			slots[i], err = finalSlot(f, cols)
		} else {
			slots[i], err = rawSlot(f, spec.Mode == execpb.AggPartial)
		}
		if err != nil {
			return nil, err
		}
		for _, c := range slots[i].cols {
			if c < 0 || c >= nIn {
				return nil, pgerror.AssertionFailedf("aggregate %s input column %d out of range", f.Func, c)
			}
		}
	}
	return slots, nil
}

// sumAggregator returns the aggregator summing values of type t.
func sumAggregator(t types.T, forAvg bool) aggregator {
	switch t.Family {
	case types.Int2Family, types.Int4Family:
		return &sumIntAgg{}
	case types.Int8Family:
		return &sumInt128Agg{}
	case types.Float4Family:
		return &sumFloatAgg{f32: !forAvg}
	case types.Float8Family:
		return &sumFloatAgg{}
	}
	return &sumNumericAgg{t: t}
}

// rawSlot builds a Complete or Partial aggregate over raw rows.
func rawSlot(f execpb.AggFunc, partial bool) (aggSlot, error) {
	out := []types.T{f.Type}
	if partial {
		out = execpb.PartialTypes(f)
	}
	s := aggSlot{cols: []int{f.Arg}, out: out}
	switch f.Func {
	case "count_star":
		s.cols, s.agg = nil, &countAgg{star: true}
	case "count":
		s.agg = &countAgg{}
	case "sum":
		s.agg = sumAggregator(f.ArgType, false)
	case "avg":
		s.agg = &avgAgg{sum: sumAggregator(f.ArgType, true), count: &countAgg{}, partial: partial,
			sumType: out[0], float: isFloat(f.ArgType), countCol: -1}
	case "min":
		s.agg = newMinMaxAgg(f.ArgType, -1)
	case "max":
		s.agg = newMinMaxAgg(f.ArgType, 1)
	default:
		return s, pgerror.Newf(pgerror.UndefinedFunction, "function %s does not exist", f.Func)
	}
	if f.Distinct && f.Func != "count_star" {
		s.agg = &distinctAgg{inner: s.agg, t: f.ArgType, seen: map[string]struct{}{}}
	}
	return s, nil
}

func isFloat(t types.T) bool {
	return t.Family == types.Float4Family || t.Family == types.Float8Family
}

// finalSlot builds a Final aggregate over partial state columns.
func finalSlot(f execpb.AggFunc, cols []int) (aggSlot, error) {
	pts := execpb.PartialTypes(f)
	s := aggSlot{cols: cols, out: []types.T{f.Type}}
	switch f.Func {
	case "count_star", "count":
		s.agg = &sumIntAgg{zeroEmpty: true}
	case "sum":
		s.agg = mergeSumAggregator(pts[0])
	case "avg":
		s.agg = &avgAgg{sum: mergeSumAggregator(pts[0]), count: &sumIntAgg{zeroEmpty: true},
			float: isFloat(f.ArgType), countCol: 1}
	case "min":
		s.agg = newMinMaxAgg(pts[0], -1)
	case "max":
		s.agg = newMinMaxAgg(pts[0], 1)
	default:
		return s, pgerror.Newf(pgerror.UndefinedFunction, "function %s does not exist", f.Func)
	}
	return s, nil
}

// mergeSumAggregator sums partial sums of type t into the same type.
func mergeSumAggregator(t types.T) aggregator {
	switch t.Family {
	case types.Int8Family:
		return &sumIntAgg{}
	case types.Float4Family:
		return &sumFloatAgg{f32: true}
	case types.Float8Family:
		return &sumFloatAgg{}
	}
	return &sumNumericAgg{t: t}
}

// Schema implements Operator.
func (h *hashAggOp) Schema() *arrow.Schema { return h.schema }

// Open implements Operator.
func (h *hashAggOp) Open(ctx context.Context) error { return h.input.Open(ctx) }

// Next implements Operator.
func (h *hashAggOp) Next(ctx context.Context) (arrow.Record, error) {
	if h.out != nil {
		h.out.Release()
		h.out = nil
	}
	if !h.done {
		h.done = true
		if err := h.consume(ctx); err != nil {
			return nil, err
		}
	}
	if h.result == nil || h.pos >= h.result.NumRows() {
		return nil, io.EOF
	}
	end := min(h.pos+BatchSize, h.result.NumRows())
	h.out = h.result.NewSlice(h.pos, end)
	h.pos = end
	return h.out, nil
}

// consume reads the whole input and builds the result record.
func (h *hashAggOp) consume(ctx context.Context) error {
	in := TypesOf(h.input.Schema())
	gr := newGrouper(h.alloc, h.spec.GroupCols, groupTypes(h.spec, in))
	defer gr.release()
	if len(h.spec.GroupCols) == 0 {
		h.growAll(1)
	}
	for {
		rec, err := h.input.Next(ctx)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		if err := h.addBatch(gr, rec); err != nil {
			return err
		}
	}
	rec, err := h.emit(gr)
	if err != nil {
		return err
	}
	h.result = rec
	return nil
}

func (h *hashAggOp) growAll(n int) {
	for _, s := range h.slots {
		s.agg.grow(n)
	}
}

func (h *hashAggOp) addBatch(gr grouper, rec arrow.Record) error {
	n := int(rec.NumRows())
	h.g = growTo(h.g[:0], n)
	gr.assign(rec, h.g)
	h.growAll(gr.numGroups())
	cols := make([]arrow.Array, 0, 2)
	for _, s := range h.slots {
		cols = cols[:0]
		for _, c := range s.cols {
			cols = append(cols, rec.Column(c))
		}
		if err := s.agg.add(cols, h.g); err != nil {
			return err
		}
	}
	return nil
}

// emit builds one record of every group's output row.
func (h *hashAggOp) emit(gr grouper) (arrow.Record, error) {
	n := gr.numGroups()
	cols := gr.keyArrays()
	nk := len(cols)
	bs := make([]array.Builder, len(h.outTs)-nk)
	for i := range bs {
		bs[i] = array.NewBuilder(h.alloc, h.outTs[nk+i].ArrowType())
		defer bs[i].Release()
	}
	for g := 0; g < n; g++ {
		k := 0
		for _, s := range h.slots {
			ds, err := s.agg.results(g)
			if err != nil {
				releaseArrays(cols)
				return nil, err
			}
			for _, d := range ds {
				types.AppendDatum(bs[k], h.outTs[nk+k], d)
				k++
			}
		}
	}
	for _, b := range bs {
		cols = append(cols, b.NewArray())
	}
	return newRecord(h.schema, cols, n), nil
}

// Close implements Operator.
func (h *hashAggOp) Close() error {
	if h.out != nil {
		h.out.Release()
		h.out = nil
	}
	if h.result != nil {
		h.result.Release()
		h.result = nil
	}
	return h.input.Close()
}
