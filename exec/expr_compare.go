package exec

import (
	"math"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/quiverdb/quiver/internal/types"
)

// cmpOp is a comparison operator.
type cmpOp uint8

const (
	cmpEQ cmpOp = iota
	cmpNE
	cmpLT
	cmpLE
	cmpGT
	cmpGE
)

func parseCmpOp(s string) cmpOp {
	switch s {
	case "=":
		return cmpEQ
	case "<>", "!=":
		return cmpNE
	case "<":
		return cmpLT
	case "<=":
		return cmpLE
	case ">":
		return cmpGT
	}
	return cmpGE
}

// flip returns the operator with its operands swapped (a < b is b > a).
func (op cmpOp) flip() cmpOp {
	switch op {
	case cmpLT:
		return cmpGT
	case cmpLE:
		return cmpGE
	case cmpGT:
		return cmpLT
	case cmpGE:
		return cmpLE
	}
	return op
}

// test reports whether a three-way comparison result satisfies op.
func (op cmpOp) test(c int) bool {
	switch op {
	case cmpEQ:
		return c == 0
	case cmpNE:
		return c != 0
	case cmpLT:
		return c < 0
	case cmpLE:
		return c <= 0
	case cmpGT:
		return c > 0
	}
	return c >= 0
}

// compareExpr is a comparison returning bool, NULL when an operand is.
type compareExpr struct {
	op   cmpOp
	l, r evaluator
	t    types.T // operand type
}

func newCompareExpr(op cmpOp, l, r evaluator) evaluator {
	return &compareExpr{op: op, l: l, r: r, t: l.typ()}
}

func (e *compareExpr) typ() types.T { return types.BoolType }

func (e *compareExpr) eval(c *evalCtx, rec arrow.Record, sel []bool) (arrow.Array, error) {
	n := int(rec.NumRows())
	if k, ok := asConst(e.r); ok {
		return e.evalConst(c, rec, sel, e.l, e.op, k, n)
	}
	if k, ok := asConst(e.l); ok {
		return e.evalConst(c, rec, sel, e.r, e.op.flip(), k, n)
	}
	la, ra, err := evalPair(c, rec, sel, e.l, e.r)
	if err != nil {
		return nil, err
	}
	defer la.Release()
	defer ra.Release()
	out := newBoolBuilder(c.alloc, n)
	out.valid, out.nulls = andValidity(c.alloc, n, la, ra)
	compareArrays(e.op, e.t, la, ra, out.bits.Bytes())
	return out.finish(), nil
}

// evalConst compares column expression x with constant k.
func (e *compareExpr) evalConst(c *evalCtx, rec arrow.Record, sel []bool, x evaluator, op cmpOp, k types.Datum, n int) (arrow.Array, error) {
	if k == nil {
		return array.MakeArrayOfNull(c.alloc, arrow.FixedWidthTypes.Boolean, n), nil
	}
	arr, err := x.eval(c, rec, sel)
	if err != nil {
		return nil, err
	}
	defer arr.Release()
	out := newBoolBuilder(c.alloc, n)
	out.valid, out.nulls = andValidity(c.alloc, n, arr)
	compareConst(op, e.t, arr, k, out.bits.Bytes())
	return out.finish(), nil
}

// compareArrays sets bit i of bits where la[i] op ra[i] (NULL rows are
// set arbitrarily; the validity bitmap hides them).
func compareArrays(op cmpOp, t types.T, la, ra arrow.Array, bits []byte) {
	if la.DataType().ID() != ra.DataType().ID() {
		compareDatums(op, t, la, ra, bits)
		return
	}
	switch la.DataType().ID() {
	case arrow.INT16:
		cmpSlices(op, valuesOf[int16](la), valuesOf[int16](ra), bits)
	case arrow.INT32, arrow.DATE32:
		cmpSlices(op, valuesOf[int32](la), valuesOf[int32](ra), bits)
	case arrow.INT64, arrow.TIMESTAMP:
		cmpSlices(op, valuesOf[int64](la), valuesOf[int64](ra), bits)
	case arrow.FLOAT32:
		cmpFloatSlices(op, valuesOf[float32](la), valuesOf[float32](ra), bits)
	case arrow.FLOAT64:
		cmpFloatSlices(op, valuesOf[float64](la), valuesOf[float64](ra), bits)
	case arrow.STRING:
		if t.Family != types.NumericFamily {
			cmpStrings(op, la.(*array.String), ra.(*array.String), bits)
			return
		}
		compareDatums(op, t, la, ra, bits)
	default:
		compareDatums(op, t, la, ra, bits)
	}
}

// compareConst sets bit i of bits where arr[i] op k.
func compareConst(op cmpOp, t types.T, arr arrow.Array, k types.Datum, bits []byte) {
	switch arr.DataType().ID() {
	case arrow.INT16, arrow.INT32, arrow.INT64:
		if v, ok := k.(int64); ok {
			cmpIntConst(op, arr, v, bits)
			return
		}
	case arrow.FLOAT32:
		// A float8 constant that float4 cannot hold exactly (0.1, 1e300)
		// compares in float8, as PostgreSQL's float48 operators do.
		if v, ok := k.(float64); ok && (float64(float32(v)) == v || v != v) {
			cmpFloatConst(op, valuesOf[float32](arr), float32(v), bits)
			return
		}
	case arrow.FLOAT64:
		if v, ok := k.(float64); ok {
			cmpFloatConst(op, valuesOf[float64](arr), v, bits)
			return
		}
	case arrow.STRING:
		if v, ok := k.(string); ok && t.Family != types.NumericFamily {
			cmpStringConst(op, arr.(*array.String), v, bits)
			return
		}
	}
	compareDatumConst(op, t, arr, k, bits)
}

func cmpIntConst(op cmpOp, arr arrow.Array, k int64, bits []byte) {
	switch arr.DataType().ID() {
	case arrow.INT16:
		if k < math.MinInt16 || k > math.MaxInt16 {
			compareDatumConst(op, types.Int8Type, arr, k, bits)
			return
		}
		cmpScalar(op, valuesOf[int16](arr), int16(k), bits)
	case arrow.INT32:
		if k < math.MinInt32 || k > math.MaxInt32 {
			compareDatumConst(op, types.Int8Type, arr, k, bits)
			return
		}
		cmpScalar(op, valuesOf[int32](arr), int32(k), bits)
	default:
		cmpScalar(op, valuesOf[int64](arr), k, bits)
	}
}

// setBit ORs v into bit i of a zeroed bitmap, without a branch.
func setBit(bits []byte, i int, v bool) {
	bits[i>>3] |= b2u(v) << (uint(i) & 7)
}

func b2u(v bool) byte {
	if v {
		return 1
	}
	return 0
}

// cmpScalar compares a column of integers with a constant; one tight loop
// per operator.
func cmpScalar[T signed](op cmpOp, a []T, k T, bits []byte) {
	switch op {
	case cmpEQ:
		for i, v := range a {
			setBit(bits, i, v == k)
		}
	case cmpNE:
		for i, v := range a {
			setBit(bits, i, v != k)
		}
	case cmpLT:
		for i, v := range a {
			setBit(bits, i, v < k)
		}
	case cmpLE:
		for i, v := range a {
			setBit(bits, i, v <= k)
		}
	case cmpGT:
		for i, v := range a {
			setBit(bits, i, v > k)
		}
	case cmpGE:
		for i, v := range a {
			setBit(bits, i, v >= k)
		}
	}
}

func cmpSlices[T signed](op cmpOp, a, b []T, bits []byte) {
	switch op {
	case cmpEQ:
		for i, v := range a {
			setBit(bits, i, v == b[i])
		}
	case cmpNE:
		for i, v := range a {
			setBit(bits, i, v != b[i])
		}
	case cmpLT:
		for i, v := range a {
			setBit(bits, i, v < b[i])
		}
	case cmpLE:
		for i, v := range a {
			setBit(bits, i, v <= b[i])
		}
	case cmpGT:
		for i, v := range a {
			setBit(bits, i, v > b[i])
		}
	case cmpGE:
		for i, v := range a {
			setBit(bits, i, v >= b[i])
		}
	}
}

// floatCmp orders floats as PostgreSQL does: NaN equals NaN and sorts
// above every other value.
func floatCmp[T float32 | float64](a, b T) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	case a == b:
		return 0
	}
	an, bn := a != a, b != b
	switch {
	case an && bn:
		return 0
	case an:
		return 1
	}
	return -1
}

func cmpFloatSlices[T float32 | float64](op cmpOp, a, b []T, bits []byte) {
	for i, v := range a {
		setBit(bits, i, op.test(floatCmp(v, b[i])))
	}
}

func cmpFloatConst[T float32 | float64](op cmpOp, a []T, k T, bits []byte) {
	for i, v := range a {
		setBit(bits, i, op.test(floatCmp(v, k)))
	}
}

func strCmp(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func cmpStrings(op cmpOp, a, b *array.String, bits []byte) {
	for i := 0; i < a.Len(); i++ {
		setBit(bits, i, op.test(strCmp(a.Value(i), b.Value(i))))
	}
}

func cmpStringConst(op cmpOp, a *array.String, k string, bits []byte) {
	if op == cmpEQ {
		for i := 0; i < a.Len(); i++ {
			setBit(bits, i, a.Value(i) == k)
		}
		return
	}
	for i := 0; i < a.Len(); i++ {
		setBit(bits, i, op.test(strCmp(a.Value(i), k)))
	}
}

func compareDatums(op cmpOp, t types.T, la, ra arrow.Array, bits []byte) {
	rt := typeOfArrowOr(ra, t)
	for i := 0; i < la.Len(); i++ {
		a, b := types.DatumAt(la, t, i), types.DatumAt(ra, rt, i)
		if a != nil && b != nil {
			setBit(bits, i, op.test(types.Compare(t, a, b)))
		}
	}
}

func compareDatumConst(op cmpOp, t types.T, arr arrow.Array, k types.Datum, bits []byte) {
	at := typeOfArrowOr(arr, t)
	for i := 0; i < arr.Len(); i++ {
		if a := types.DatumAt(arr, at, i); a != nil {
			setBit(bits, i, op.test(types.Compare(t, a, k)))
		}
	}
}

// typeOfArrowOr returns t when arr holds t's Arrow type, else the type
// arr's Arrow type implies (for mixed-width integer comparisons).
func typeOfArrowOr(arr arrow.Array, t types.T) types.T {
	if arrow.TypeEqual(arr.DataType(), t.ArrowType()) {
		return t
	}
	return typeOfArrow(arr.DataType())
}
