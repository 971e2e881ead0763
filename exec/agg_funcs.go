package exec

import (
	"math"
	"math/big"
	"math/bits"
	"strings"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/cockroachdb/apd/v3"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
)

// skipGroup marks a row an aggregator must ignore (DISTINCT duplicates).
const skipGroup = math.MaxUint32

// aggregator folds rows into per-group state.
type aggregator interface {
	// grow makes room for n groups.
	grow(n int)
	// add folds row i of cols (the aggregate's input columns) into group
	// g[i]; rows whose group is skipGroup are ignored.
	add(cols []arrow.Array, g []uint32) error
	// results returns group g's output values, one per output column.
	results(g int) ([]types.Datum, error)
}

// growTo extends s to n elements.
func growTo[T any](s []T, n int) []T {
	if n <= len(s) {
		return s
	}
	return append(s, make([]T, n-len(s))...)
}

// countAgg counts rows (star) or non-NULL values.
type countAgg struct {
	star   bool
	counts []int64
}

func (a *countAgg) grow(n int) { a.counts = growTo(a.counts, n) }

func (a *countAgg) add(cols []arrow.Array, g []uint32) error {
	var arr arrow.Array
	if !a.star {
		arr = cols[0]
	}
	for i, gi := range g {
		if gi != skipGroup && (arr == nil || arr.IsValid(i)) {
			a.counts[gi]++
		}
	}
	return nil
}

func (a *countAgg) results(g int) ([]types.Datum, error) {
	return []types.Datum{a.counts[g]}, nil
}

// sumIntAgg sums integers into int64 with overflow checks (sum of int2
// and int4, and the Final merge of int8 partial sums and counts).
type sumIntAgg struct {
	sums      []int64
	seen      []bool
	zeroEmpty bool // an empty group sums to 0 (merging counts), not NULL
}

var errBigintRange = pgerror.New(pgerror.NumericValueOutOfRange, "bigint out of range")

func (a *sumIntAgg) grow(n int) {
	a.sums = growTo(a.sums, n)
	a.seen = growTo(a.seen, n)
}

func (a *sumIntAgg) add(cols []arrow.Array, g []uint32) error {
	switch cols[0].DataType().ID() {
	case arrow.INT16:
		return sumInts(a, valuesOf[int16](cols[0]), cols[0], g)
	case arrow.INT32:
		return sumInts(a, valuesOf[int32](cols[0]), cols[0], g)
	case arrow.INT64:
		return sumInts(a, valuesOf[int64](cols[0]), cols[0], g)
	}
	return nil // an all-NULL (arrow null) column adds nothing
}

func sumInts[T signed](a *sumIntAgg, vals []T, arr arrow.Array, g []uint32) error {
	nulls := arr.NullN() > 0
	for i, v := range vals {
		gi := g[i]
		if gi == skipGroup || (nulls && arr.IsNull(i)) {
			continue
		}
		s, ok := intOp('+', a.sums[gi], int64(v))
		if !ok {
			return errBigintRange
		}
		a.sums[gi] = s
		a.seen[gi] = true
	}
	return nil
}

func (a *sumIntAgg) results(g int) ([]types.Datum, error) {
	if !a.seen[g] && !a.zeroEmpty {
		return []types.Datum{nil}, nil
	}
	return []types.Datum{a.sums[g]}, nil
}

// sumInt128Agg sums int8 exactly in a 128-bit accumulator; its result is
// numeric.
type sumInt128Agg struct {
	hi   []int64
	lo   []uint64
	seen []bool
}

func (a *sumInt128Agg) grow(n int) {
	a.hi = growTo(a.hi, n)
	a.lo = growTo(a.lo, n)
	a.seen = growTo(a.seen, n)
}

func (a *sumInt128Agg) add(cols []arrow.Array, g []uint32) error {
	if cols[0].DataType().ID() != arrow.INT64 {
		return nil
	}
	arr := cols[0]
	nulls := arr.NullN() > 0
	for i, v := range valuesOf[int64](arr) {
		gi := g[i]
		if gi == skipGroup || (nulls && arr.IsNull(i)) {
			continue
		}
		lo, carry := bits.Add64(a.lo[gi], uint64(v), 0)
		a.lo[gi] = lo
		a.hi[gi] += int64(carry) + (v >> 63)
		a.seen[gi] = true
	}
	return nil
}

func (a *sumInt128Agg) results(g int) ([]types.Datum, error) {
	if !a.seen[g] {
		return []types.Datum{nil}, nil
	}
	return []types.Datum{int128Decimal(a.hi[g], a.lo[g])}, nil
}

// int128Decimal converts hi*2^64+lo to a decimal.
func int128Decimal(hi int64, lo uint64) *apd.Decimal {
	if (hi == 0 && lo <= math.MaxInt64) || (hi == -1 && lo > math.MaxInt64) {
		return apd.New(int64(lo), 0)
	}
	b := new(big.Int).SetInt64(hi)
	b.Lsh(b, 64)
	b.Add(b, new(big.Int).SetUint64(lo))
	return apd.NewWithBigInt(new(apd.BigInt).SetMathBigInt(b), 0)
}

// numericCtx adds decimals exactly.
var numericCtx = apd.BaseContext.WithPrecision(2000)

// sumNumericAgg sums numeric values.
type sumNumericAgg struct {
	t    types.T
	sums []*apd.Decimal
}

func (a *sumNumericAgg) grow(n int) { a.sums = growTo(a.sums, n) }

func (a *sumNumericAgg) add(cols []arrow.Array, g []uint32) error {
	arr := cols[0]
	for i, gi := range g {
		if gi == skipGroup || arr.IsNull(i) {
			continue
		}
		d, ok := types.DatumAt(arr, a.t, i).(*apd.Decimal)
		if !ok {
			return pgerror.AssertionFailedf("sum: numeric column holds no decimal")
		}
		if err := a.addOne(gi, d); err != nil {
			return err
		}
	}
	return nil
}

func (a *sumNumericAgg) addOne(g uint32, d *apd.Decimal) error {
	if a.sums[g] == nil {
		a.sums[g] = new(apd.Decimal).Set(d)
		return nil
	}
	if _, err := numericCtx.Add(a.sums[g], a.sums[g], d); err != nil {
		return pgerror.Wrapf(err, pgerror.NumericValueOutOfRange, "sum")
	}
	return nil
}

func (a *sumNumericAgg) results(g int) ([]types.Datum, error) {
	if a.sums[g] == nil {
		return []types.Datum{nil}, nil
	}
	return []types.Datum{a.sums[g]}, nil
}

// sumFloatAgg sums floats; f32 accumulates in float32 as float4pl does.
type sumFloatAgg struct {
	f32  bool
	sums []float64
	seen []bool
}

func (a *sumFloatAgg) grow(n int) {
	a.sums = growTo(a.sums, n)
	a.seen = growTo(a.seen, n)
}

func (a *sumFloatAgg) add(cols []arrow.Array, g []uint32) error {
	arr := cols[0]
	for i, gi := range g {
		if gi == skipGroup || arr.IsNull(i) {
			continue
		}
		if err := a.addOne(gi, floatAt(arr, i)); err != nil {
			return err
		}
	}
	return nil
}

func floatAt(arr arrow.Array, i int) float64 {
	switch x := arr.(type) {
	case *array.Float32:
		return float64(x.Value(i))
	case *array.Float64:
		return x.Value(i)
	}
	return 0
}

func (a *sumFloatAgg) addOne(g uint32, v float64) error {
	var s float64
	if a.f32 {
		r, err := floatOp('+', float32(a.sums[g]), float32(v))
		if err != nil {
			return err
		}
		s = float64(r)
	} else {
		r, err := floatOp('+', a.sums[g], v)
		if err != nil {
			return err
		}
		s = r
	}
	a.sums[g], a.seen[g] = s, true
	return nil
}

func (a *sumFloatAgg) results(g int) ([]types.Datum, error) {
	if !a.seen[g] {
		return []types.Datum{nil}, nil
	}
	return []types.Datum{a.sums[g]}, nil
}

// avgAgg is avg: a sum and a count. partial emits them; otherwise it
// divides (numeric division for integer and numeric sums).
type avgAgg struct {
	sum, count aggregator
	partial    bool
	sumType    types.T // the type of the partial sum column
	float      bool
	// countCol is the input column of the count in Final mode (1), or -1
	// when the count counts the argument (Complete, Partial).
	countCol int
}

func (a *avgAgg) grow(n int) {
	a.sum.grow(n)
	a.count.grow(n)
}

func (a *avgAgg) add(cols []arrow.Array, g []uint32) error {
	if err := a.sum.add(cols[:1], g); err != nil {
		return err
	}
	if a.countCol > 0 {
		return a.count.add(cols[a.countCol:a.countCol+1], g)
	}
	return a.count.add(cols[:1], g)
}

func (a *avgAgg) results(g int) ([]types.Datum, error) {
	s, err := a.sum.results(g)
	if err != nil {
		return nil, err
	}
	c, err := a.count.results(g)
	if err != nil {
		return nil, err
	}
	if a.partial {
		return []types.Datum{partialSum(s[0], a.sumType), c[0]}, nil
	}
	n, _ := c[0].(int64)
	if s[0] == nil || n == 0 {
		return []types.Datum{nil}, nil
	}
	if a.float {
		return []types.Datum{s[0].(float64) / float64(n)}, nil
	}
	q, err := numericAvg(toDecimal(s[0]), n)
	return []types.Datum{q}, err
}

// numericAvg is sum / n as numeric_avg computes it: numeric division at
// PostgreSQL's select_div_scale.
func numericAvg(sum *apd.Decimal, n int64) (types.Datum, error) {
	return types.Arith("/", types.NumericType, sum, apd.New(n, 0))
}

// partialSum converts a running sum to the partial state column's type.
func partialSum(d types.Datum, t types.T) types.Datum {
	switch v := d.(type) {
	case float64:
		if t.Family == types.Float4Family {
			return float64(float32(v))
		}
	case int64:
		if t.Family == types.NumericFamily {
			return apd.New(v, 0)
		}
	}
	return d
}

func toDecimal(d types.Datum) *apd.Decimal {
	switch v := d.(type) {
	case *apd.Decimal:
		return v
	case int64:
		return apd.New(v, 0)
	}
	return new(apd.Decimal)
}

// minMaxAgg keeps each group's least (sign -1) or greatest (sign 1) value.
type minMaxAgg struct {
	t    types.T
	sign int
	vals []types.Datum
	ints []int64 // fast path for integer-like columns
	seen []bool
	fast bool
}

func newMinMaxAgg(t types.T, sign int) *minMaxAgg {
	a := &minMaxAgg{t: t, sign: sign}
	switch t.ArrowType().ID() {
	case arrow.INT16, arrow.INT32, arrow.INT64, arrow.DATE32, arrow.TIMESTAMP:
		a.fast = true
	}
	return a
}

func (a *minMaxAgg) grow(n int) {
	a.seen = growTo(a.seen, n)
	if a.fast {
		a.ints = growTo(a.ints, n)
	} else {
		a.vals = growTo(a.vals, n)
	}
}

func (a *minMaxAgg) add(cols []arrow.Array, g []uint32) error {
	arr := cols[0]
	if arr.DataType().ID() == arrow.NULL {
		return nil
	}
	if a.fast {
		a.addInts(arr, g)
		return nil
	}
	for i, gi := range g {
		if gi == skipGroup || arr.IsNull(i) {
			continue
		}
		if !a.seen[gi] || compareDatumCell(a.t, arr, i, a.vals[gi])*a.sign > 0 {
			a.vals[gi] = ownedDatum(types.DatumAt(arr, a.t, i))
			a.seen[gi] = true
		}
	}
	return nil
}

func (a *minMaxAgg) addInts(arr arrow.Array, g []uint32) {
	vals := intsOf(arr, nil)
	for i, v := range vals {
		gi := g[i]
		if gi == skipGroup || arr.IsNull(i) {
			continue
		}
		if !a.seen[gi] || cmpInt(v, a.ints[gi])*a.sign > 0 {
			a.ints[gi], a.seen[gi] = v, true
		}
	}
}

// compareDatumCell compares row i of arr with datum d.
func compareDatumCell(t types.T, arr arrow.Array, i int, d types.Datum) int {
	if s, ok := arr.(*array.String); ok && t.Family != types.NumericFamily {
		return strings.Compare(s.Value(i), d.(string))
	}
	return types.Compare(t, types.DatumAt(arr, t, i), d)
}

// ownedDatum copies strings that may alias an Arrow buffer.
func ownedDatum(d types.Datum) types.Datum {
	if s, ok := d.(string); ok {
		return strings.Clone(s)
	}
	return d
}

func (a *minMaxAgg) results(g int) ([]types.Datum, error) {
	if !a.seen[g] {
		return []types.Datum{nil}, nil
	}
	if a.fast {
		return []types.Datum{intDatum(a.t, a.ints[g])}, nil
	}
	return []types.Datum{a.vals[g]}, nil
}

// intDatum returns the datum of an integer-like value of t.
func intDatum(t types.T, v int64) types.Datum {
	switch t.Family {
	case types.DateFamily:
		return types.Date(v)
	case types.TimestampFamily, types.TimestampTZFamily:
		return types.Timestamp(v)
	}
	return v
}

// distinctAgg feeds its inner aggregator each (group, value) once.
type distinctAgg struct {
	inner aggregator
	t     types.T
	seen  map[string]struct{}
	buf   []byte
	g     []uint32
}

func (a *distinctAgg) grow(n int) { a.inner.grow(n) }

func (a *distinctAgg) add(cols []arrow.Array, g []uint32) error {
	a.g = growTo(a.g[:0], len(g))
	for i, gi := range g {
		a.g[i] = skipGroup
		if gi == skipGroup || cols[0].IsNull(i) {
			continue
		}
		a.buf = encodeCell(append(a.buf[:0], byte(gi), byte(gi>>8), byte(gi>>16), byte(gi>>24)), a.t, cols[0], i)
		if _, dup := a.seen[string(a.buf)]; !dup {
			a.seen[string(a.buf)] = struct{}{}
			a.g[i] = gi
		}
	}
	return a.inner.add(cols, a.g)
}

func (a *distinctAgg) results(g int) ([]types.Datum, error) { return a.inner.results(g) }
