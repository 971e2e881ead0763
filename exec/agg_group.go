package exec

import (
	"encoding/binary"
	"math"
	"strings"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/cockroachdb/apd/v3"
	"github.com/quiverdb/quiver/internal/types"
)

// grouper assigns a dense group id to each distinct key of the group
// columns and remembers each group's key values for output.
type grouper interface {
	// assign sets g[i] to the group of row i of rec, creating groups.
	assign(rec arrow.Record, g []uint32)
	numGroups() int
	// keyArrays returns the group columns, one row per group (new arrays).
	keyArrays() []arrow.Array
	release()
}

func newGrouper(alloc memory.Allocator, cols []int, ts []types.T) grouper {
	if len(cols) == 0 {
		return &singleGrouper{}
	}
	bs := make([]array.Builder, len(cols))
	for i, t := range ts {
		bs[i] = array.NewBuilder(alloc, t.ArrowType())
	}
	if len(cols) == 1 && ts[0].Family != types.NumericFamily {
		switch ts[0].ArrowType().ID() {
		case arrow.INT16, arrow.INT32, arrow.INT64, arrow.DATE32, arrow.TIMESTAMP:
			return &intGrouper{col: cols[0], b: bs[0], m: newIntTable(), null: -1}
		case arrow.STRING:
			return &stringGrouper{col: cols[0], b: bs[0].(*array.StringBuilder), m: map[string]uint32{}, null: -1}
		}
	}
	return &bytesGrouper{cols: cols, ts: ts, bs: bs, m: map[string]uint32{}}
}

// singleGrouper is the one group of an aggregation without GROUP BY.
type singleGrouper struct{}

func (singleGrouper) assign(_ arrow.Record, g []uint32) { clear(g) }
func (singleGrouper) numGroups() int                    { return 1 }
func (singleGrouper) keyArrays() []arrow.Array          { return nil }
func (singleGrouper) release()                          {}

// intGrouper groups by one integer-like column.
type intGrouper struct {
	col  int
	b    array.Builder
	m    *intTable
	null int64 // group of NULL, -1 until seen
	n    uint32
}

func (ig *intGrouper) assign(rec arrow.Record, g []uint32) {
	arr := rec.Column(ig.col)
	switch arr.DataType().ID() {
	case arrow.INT16:
		assignInts(ig, arr, valuesOf[int16](arr), g)
	case arrow.INT32, arrow.DATE32:
		assignInts(ig, arr, valuesOf[int32](arr), g)
	default:
		assignInts(ig, arr, valuesOf[int64](arr), g)
	}
}

func assignInts[T signed](ig *intGrouper, arr arrow.Array, vals []T, g []uint32) {
	hasNulls := arr.NullN() > 0
	if len(vals) < len(g) { // no value buffer: every row is NULL
		for i := range g {
			g[i] = ig.nullGroup(arr, i)
		}
		return
	}
	for i := range g {
		if hasNulls && arr.IsNull(i) {
			g[i] = ig.nullGroup(arr, i)
			continue
		}
		id, added := ig.m.lookup(int64(vals[i]), ig.n)
		if added {
			ig.newGroup(arr, i)
		}
		g[i] = id
	}
}

func (ig *intGrouper) nullGroup(arr arrow.Array, i int) uint32 {
	if ig.null < 0 {
		ig.null = int64(ig.n)
		ig.newGroup(arr, i)
	}
	return uint32(ig.null)
}

func (ig *intGrouper) newGroup(arr arrow.Array, i int) {
	appendCell(ig.b, arr, i)
	ig.n++
}

func (ig *intGrouper) numGroups() int { return int(ig.n) }

func (ig *intGrouper) keyArrays() []arrow.Array { return []arrow.Array{ig.b.NewArray()} }

func (ig *intGrouper) release() { ig.b.Release() }

// stringGrouper groups by one text column (not numeric: its cells are
// not canonical). Lookups use the cell's bytes in place; a new key is
// copied once into the key builder and the map.
type stringGrouper struct {
	col  int
	b    *array.StringBuilder
	m    map[string]uint32
	null int64 // group of NULL, -1 until seen
}

func (sg *stringGrouper) assign(rec arrow.Record, g []uint32) {
	arr := rec.Column(sg.col).(*array.String)
	hasNulls := arr.NullN() > 0
	for i := range g {
		if hasNulls && arr.IsNull(i) {
			g[i] = sg.nullGroup()
			continue
		}
		v := arr.Value(i)
		id, ok := sg.m[v]
		if !ok {
			id = uint32(sg.b.Len())
			sg.b.Append(v)
			sg.m[strings.Clone(v)] = id
		}
		g[i] = id
	}
}

func (sg *stringGrouper) nullGroup() uint32 {
	if sg.null < 0 {
		sg.null = int64(sg.b.Len())
		sg.b.AppendNull()
	}
	return uint32(sg.null)
}

func (sg *stringGrouper) numGroups() int { return sg.b.Len() }

func (sg *stringGrouper) keyArrays() []arrow.Array { return []arrow.Array{sg.b.NewArray()} }

func (sg *stringGrouper) release() { sg.b.Release() }

// bytesGrouper groups by any columns through an encoded key.
type bytesGrouper struct {
	cols []int
	ts   []types.T
	bs   []array.Builder
	m    map[string]uint32
	buf  []byte
}

func (bg *bytesGrouper) assign(rec arrow.Record, g []uint32) {
	n := int(rec.NumRows())
	for i := 0; i < n; i++ {
		bg.buf = bg.buf[:0]
		for k, c := range bg.cols {
			bg.buf = encodeCell(bg.buf, bg.ts[k], rec.Column(c), i)
		}
		id, ok := bg.m[string(bg.buf)]
		if !ok {
			id = uint32(len(bg.m))
			bg.m[string(bg.buf)] = id
			for k, c := range bg.cols {
				appendCell(bg.bs[k], rec.Column(c), i)
			}
		}
		g[i] = id
	}
}

func (bg *bytesGrouper) numGroups() int { return len(bg.m) }

func (bg *bytesGrouper) keyArrays() []arrow.Array {
	out := make([]arrow.Array, len(bg.bs))
	for i, b := range bg.bs {
		out[i] = b.NewArray()
	}
	return out
}

func (bg *bytesGrouper) release() {
	for _, b := range bg.bs {
		b.Release()
	}
}

// encodeCell appends a key encoding of row i of arr under which equal SQL
// values (0 and -0, 1.0 and 1.00) encode equally.
func encodeCell(buf []byte, t types.T, arr arrow.Array, i int) []byte {
	if arr.IsNull(i) {
		return append(buf, 0)
	}
	buf = append(buf, 1)
	switch x := arr.(type) {
	case *array.Int16:
		return binary.LittleEndian.AppendUint64(buf, uint64(x.Value(i)))
	case *array.Int32:
		return binary.LittleEndian.AppendUint64(buf, uint64(x.Value(i)))
	case *array.Int64:
		return binary.LittleEndian.AppendUint64(buf, uint64(x.Value(i)))
	case *array.Date32:
		return binary.LittleEndian.AppendUint64(buf, uint64(x.Value(i)))
	case *array.Timestamp:
		return binary.LittleEndian.AppendUint64(buf, uint64(x.Value(i)))
	case *array.Float32:
		return appendFloatKey(buf, float64(x.Value(i)))
	case *array.Float64:
		return appendFloatKey(buf, x.Value(i))
	case *array.Boolean:
		if x.Value(i) {
			return append(buf, 1)
		}
		return append(buf, 0)
	case *array.String:
		s := x.Value(i)
		if t.Family == types.NumericFamily {
			s = canonicalNumeric(t, arr, i)
		}
		buf = binary.AppendUvarint(buf, uint64(len(s)))
		return append(buf, s...)
	}
	return buf
}

func appendFloatKey(buf []byte, f float64) []byte {
	switch {
	case f == 0:
		f = 0
	case math.IsNaN(f):
		f = math.NaN()
	}
	return binary.LittleEndian.AppendUint64(buf, math.Float64bits(f))
}

// canonicalNumeric returns a numeric cell's value without trailing zeros.
func canonicalNumeric(t types.T, arr arrow.Array, i int) string {
	d, ok := types.DatumAt(arr, t, i).(*apd.Decimal)
	if !ok {
		return arr.(*array.String).Value(i)
	}
	var r apd.Decimal
	r.Reduce(d)
	return r.String()
}

// intsOf appends arr's values widened to int64.
func intsOf(arr arrow.Array, out []int64) []int64 {
	switch arr.DataType().ID() {
	case arrow.INT16:
		for _, v := range valuesOf[int16](arr) {
			out = append(out, int64(v))
		}
	case arrow.INT32, arrow.DATE32:
		for _, v := range valuesOf[int32](arr) {
			out = append(out, int64(v))
		}
	default:
		out = append(out, valuesOf[int64](arr)...)
	}
	return out
}
