package exec

import (
	"fmt"
	"math"
	"math/rand"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/types"
)

// This file checks every vectorized fast path against the per-row
// reference (types.Arith, types.Compare, types.Negate over DatumAt) on
// random columns with NULLs and edge values, in column/column,
// column/constant and constant/column shapes, with and without a
// selection and on sliced (offset) arrays. [raft quorum/quick_test.go]

// quickIters is the number of random cases per (type, operator).
const quickIters = 60

// genDatum returns a random non-NULL datum of t, edge values often.
func genDatum(rng *rand.Rand, t types.T) types.Datum {
	edge := rng.Intn(3) == 0
	switch t.Family {
	case types.Int2Family, types.Int4Family, types.Int8Family:
		lo, hi := intBounds(t)
		if edge {
			return []int64{lo, hi, 0, -1, 1, lo + 1, hi - 1, 2, -2}[rng.Intn(9)]
		}
		if rng.Intn(2) == 0 {
			return int64(rng.Intn(21) - 10)
		}
		return lo + int64(rng.Uint64()%uint64(hi-lo))
	case types.Float4Family, types.Float8Family:
		return genFloat(rng, t, edge)
	case types.TextFamily:
		return genText(rng)
	case types.DateFamily:
		if edge {
			return []types.Date{types.DateInfinity, types.DateNegInfinity, 0, -1, 1}[rng.Intn(5)]
		}
		return types.Date(rng.Intn(200_000) - 100_000)
	case types.TimestampFamily:
		if edge {
			return []types.Timestamp{types.TimestampInfinity, types.TimestampNegInfinity, 0, -1, 1}[rng.Intn(5)]
		}
		return types.Timestamp(rng.Int63n(1<<50) - 1<<49)
	case types.BoolFamily:
		return rng.Intn(2) == 0
	case types.NumericFamily:
		return genNumeric(rng, edge)
	}
	panic(fmt.Sprintf("genDatum: no generator for %s", t))
}

func genFloat(rng *rand.Rand, t types.T, edge bool) float64 {
	var f float64
	switch {
	case edge && t.Family == types.Float4Family:
		f = []float64{math.NaN(), math.Inf(1), math.Inf(-1), math.Copysign(0, -1), 0, 1, -1,
			math.MaxFloat32, -math.MaxFloat32, math.SmallestNonzeroFloat32}[rng.Intn(10)]
	case edge:
		f = []float64{math.NaN(), math.Inf(1), math.Inf(-1), math.Copysign(0, -1), 0, 1, -1,
			math.MaxFloat64, -math.MaxFloat64, math.SmallestNonzeroFloat64}[rng.Intn(10)]
	case rng.Intn(2) == 0:
		f = float64(rng.Intn(21) - 10)
	default:
		f = rng.NormFloat64() * math.Pow(10, float64(rng.Intn(61)-30))
	}
	if t.Family == types.Float4Family {
		f = float64(float32(f))
	}
	return f
}

func genNumeric(rng *rand.Rand, edge bool) types.Datum {
	s := fmt.Sprintf("%d.%d", rng.Intn(2001)-1000, rng.Intn(100))
	if edge {
		s = []string{"NaN", "Infinity", "-Infinity", "0", "0.00", "-1.50", "1.5"}[rng.Intn(7)]
	}
	d, err := types.ParseText(nu, s)
	if err != nil {
		panic(err)
	}
	return d
}

func genText(rng *rand.Rand) string {
	var sb strings.Builder
	for n := rng.Intn(4); n > 0; n-- {
		sb.WriteString([]string{"a", "b", "é", "A", " ", "ab"}[rng.Intn(6)])
	}
	return sb.String()
}

// genColumn returns n random datums of t, about a fifth of them NULL
// (none when nulls is false).
func genColumn(rng *rand.Rand, t types.T, n int, nulls bool) []types.Datum {
	ds := make([]types.Datum, n)
	for i := range ds {
		if !nulls || rng.Intn(5) != 0 {
			ds[i] = genDatum(rng, t)
		}
	}
	return ds
}

// quickCase is one random input: two columns and a selection.
type quickCase struct {
	ts   []types.T
	cols [][]types.Datum
	sel  []bool
	off  int // rows sliced off the front of the record
}

func genCase(rng *rand.Rand, ts ...types.T) quickCase {
	n := 1 + rng.Intn(40)
	nulls := rng.Intn(4) != 0
	qc := quickCase{ts: ts, off: rng.Intn(2) * rng.Intn(4)}
	for _, t := range ts {
		qc.cols = append(qc.cols, genColumn(rng, t, n+qc.off, nulls))
	}
	if rng.Intn(2) == 0 {
		qc.sel = make([]bool, n)
		for i := range qc.sel {
			qc.sel[i] = rng.Intn(3) != 0
		}
	}
	return qc
}

func (qc quickCase) rows() int { return len(qc.cols[0]) - qc.off }

// record builds the case's input, sliced by off.
func (qc quickCase) record(alloc memory.Allocator) arrow.Record {
	rows := make([][]types.Datum, len(qc.cols[0]))
	for r := range rows {
		for c := range qc.cols {
			rows[r] = append(rows[r], qc.cols[c][r])
		}
	}
	full := RecordFromRows(alloc, qc.ts, rows)
	defer full.Release()
	return full.NewSlice(int64(qc.off), full.NumRows())
}

func (qc quickCase) selected(i int) bool { return qc.sel == nil || qc.sel[i] }

// operand is column c of the case, or its row k as a constant when k >= 0.
type operand struct {
	c, k int
}

func (qc quickCase) expr(o operand) *execpb.Expr {
	if o.k < 0 {
		return col(o.c, qc.ts[o.c])
	}
	d := qc.cols[o.c][qc.off+o.k]
	if d == nil {
		return cnst(qc.ts[o.c], "NULL")
	}
	return cnst(qc.ts[o.c], types.FormatText(qc.ts[o.c], d))
}

func (qc quickCase) datum(o operand, i int) types.Datum {
	if o.k >= 0 {
		return qc.cols[o.c][qc.off+o.k]
	}
	return qc.cols[o.c][qc.off+i]
}

// shapes returns the operand pairs to try: column/column,
// column/constant and constant/column.
func shapes(rng *rand.Rand, n int) [][2]operand {
	return [][2]operand{
		{{0, -1}, {1, -1}},
		{{0, -1}, {1, rng.Intn(n)}},
		{{0, rng.Intn(n)}, {1, -1}},
	}
}

// refFunc computes one row's expected value; a nil datum is NULL.
type refFunc func(i int) (types.Datum, error)

// checkExpr evaluates e over qc and compares every selected row with ref;
// when ref fails on a selected row, eval must fail with the first such
// error.
func checkExpr(t *testing.T, qc quickCase, e *execpb.Expr, ref refFunc) {
	t.Helper()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	rec := qc.record(mem)
	defer rec.Release()
	want, wantErr := refColumn(qc, ref)
	ev, err := compileExpr(e, qc.ts)
	if err != nil {
		t.Fatalf("%s: compile: %v", exprString(e), err)
	}
	arr, err := ev.eval(&evalCtx{alloc: mem}, rec, qc.sel)
	if wantErr != nil || err != nil {
		if err == nil || err.Error() != wantErr.Error() || codeOf(err) != codeOf(wantErr) {
			t.Fatalf("%s over %s: error %v (%s), want %v (%s)", exprString(e), qc, err, codeOf(err), wantErr, codeOf(wantErr))
		}
		return
	}
	defer arr.Release()
	for i, w := range want {
		if !qc.selected(i) {
			continue
		}
		if got := types.DatumAt(arr, e.Type, i); !sameDatum(got, w) {
			t.Fatalf("%s over %s: row %d = %v, want %v", exprString(e), qc, i, got, w)
		}
	}
}

func refColumn(qc quickCase, ref refFunc) ([]types.Datum, error) {
	want := make([]types.Datum, qc.rows())
	for i := range want {
		if !qc.selected(i) {
			continue
		}
		d, err := ref(i)
		if err != nil {
			return nil, err
		}
		want[i] = d
	}
	return want, nil
}

// sameDatum is exact equality: -0 differs from 0, every NaN is equal.
func sameDatum(a, b types.Datum) bool {
	fa, ok1 := a.(float64)
	fb, ok2 := b.(float64)
	if ok1 && ok2 {
		return math.Float64bits(fa) == math.Float64bits(fb) || (math.IsNaN(fa) && math.IsNaN(fb))
	}
	da, ok1 := a.(*types.Decimal)
	db, ok2 := b.(*types.Decimal)
	if ok1 && ok2 {
		return da.String() == db.String()
	}
	return a == b
}

func (qc quickCase) String() string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "off=%d sel=%v", qc.off, qc.sel)
	for c, col := range qc.cols {
		fmt.Fprintf(&sb, " %s%v", qc.ts[c], col)
	}
	return sb.String()
}

func exprString(e *execpb.Expr) string {
	switch e.Kind {
	case execpb.ExprColumn:
		return fmt.Sprintf("$%d", e.Col)
	case execpb.ExprConst:
		if e.Null {
			return "NULL"
		}
		return fmt.Sprintf("'%s'::%s", e.Text, e.Type)
	}
	parts := make([]string, len(e.Args))
	for i, a := range e.Args {
		parts[i] = exprString(a)
	}
	return fmt.Sprintf("%d%s(%s)", e.Kind, e.Op, strings.Join(parts, ", "))
}

var quickArithTypes = []types.T{
	types.Int2Type, types.Int4Type, types.Int8Type, types.Float4Type, types.Float8Type,
}

func TestQuickArith(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for _, typ := range quickArithTypes {
		for _, opName := range []string{"+", "-", "*", "/", "%"} {
			if opName == "%" && !typ.IsInteger() {
				continue
			}
			for it := 0; it < quickIters; it++ {
				qc := genCase(rng, typ, typ)
				for _, sh := range shapes(rng, qc.rows()) {
					e := op(opName, typ, qc.expr(sh[0]), qc.expr(sh[1]))
					checkExpr(t, qc, e, func(i int) (types.Datum, error) {
						a, b := qc.datum(sh[0], i), qc.datum(sh[1], i)
						if a == nil || b == nil {
							return nil, nil
						}
						return types.Arith(opName, typ, a, b)
					})
				}
			}
		}
	}
}

func TestQuickNegate(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	for _, typ := range append(quickArithTypes, nu) {
		for it := 0; it < quickIters; it++ {
			qc := genCase(rng, typ)
			e := op("u-", typ, col(0, typ))
			checkExpr(t, qc, e, func(i int) (types.Datum, error) {
				a := qc.datum(operand{0, -1}, i)
				if a == nil {
					return nil, nil
				}
				return types.Negate(typ, a)
			})
		}
	}
}

// cmpPairs are the operand type pairs comparisons see: same types and
// the mixed integer and float widths PostgreSQL compares directly.
var cmpPairs = [][2]types.T{
	{types.Int2Type, types.Int2Type}, {types.Int4Type, types.Int4Type}, {types.Int8Type, types.Int8Type},
	{types.Float4Type, types.Float4Type}, {types.Float8Type, types.Float8Type},
	{types.TextType, types.TextType}, {types.DateType, types.DateType},
	{types.TimestampType, types.TimestampType}, {types.BoolType, types.BoolType}, {nu, nu},
	{types.Int2Type, types.Int8Type}, {types.Int8Type, types.Int4Type}, {types.Int4Type, types.Int2Type},
	{types.Float4Type, types.Float8Type}, {types.Float8Type, types.Float4Type},
}

var cmpOps = []string{"=", "<>", "<", "<=", ">", ">="}

func TestQuickCompare(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	for _, pair := range cmpPairs {
		for _, opName := range cmpOps {
			for it := 0; it < quickIters; it++ {
				qc := genCase(rng, pair[0], pair[1])
				for _, sh := range shapes(rng, qc.rows()) {
					e := op(opName, bo, qc.expr(sh[0]), qc.expr(sh[1]))
					checkExpr(t, qc, e, func(i int) (types.Datum, error) {
						return refCompare(opName, pair[0], qc.datum(sh[0], i), qc.datum(sh[1], i)), nil
					})
				}
			}
		}
	}
}

// refCompare is a op b by types.Compare (mixed widths share a datum type).
func refCompare(opName string, t types.T, a, b types.Datum) types.Datum {
	if a == nil || b == nil {
		return nil
	}
	return parseCmpOp(opName).test(types.Compare(t, a, b))
}

func TestQuickIn(t *testing.T) {
	rng := rand.New(rand.NewSource(4))
	for _, typ := range []types.T{types.Int2Type, types.Int4Type, types.Int8Type, types.Float4Type,
		types.Float8Type, types.TextType, types.DateType, types.TimestampType} {
		for it := 0; it < quickIters; it++ {
			qc := genCase(rng, typ, typ)
			items := []operand{{0, -1}}
			for k := rng.Intn(6); k >= 0; k-- {
				items = append(items, operand{1, rng.Intn(qc.rows())})
			}
			if rng.Intn(3) == 0 {
				items = append(items, operand{1, -1})
			}
			for _, not := range []bool{false, true} {
				e := kind(execpb.ExprIn, bo)
				if not {
					e.Op = "not in"
				}
				for _, o := range items {
					e.Args = append(e.Args, qc.expr(o))
				}
				checkExpr(t, qc, e, func(i int) (types.Datum, error) {
					return refIn(typ, not, qc, items, i), nil
				})
			}
		}
	}
}

// refIn is x IN (list) with SQL's three-valued logic.
func refIn(t types.T, not bool, qc quickCase, items []operand, i int) types.Datum {
	x := qc.datum(items[0], i)
	var res types.Datum = false
	for _, o := range items[1:] {
		switch eq := refCompare("=", t, x, qc.datum(o, i)); eq {
		case true:
			return !not
		case nil:
			res = nil
		}
	}
	if res == nil {
		return nil
	}
	return not
}

func TestQuickConditional(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	for _, typ := range []types.T{types.Int4Type, types.Int8Type, types.Float8Type, types.TextType, types.DateType, nu} {
		for it := 0; it < quickIters; it++ {
			qc := genCase(rng, types.BoolType, typ, typ)
			k := operand{2, rng.Intn(qc.rows())}
			checkConditionals(t, qc, typ, k)
		}
	}
}

func checkConditionals(t *testing.T, qc quickCase, typ types.T, k operand) {
	c0, c1, c2 := operand{0, -1}, operand{1, -1}, operand{2, -1}
	at := func(o operand) func(int) types.Datum { return func(i int) types.Datum { return qc.datum(o, i) } }
	// CASE WHEN $0 THEN $1 WHEN $1 > k THEN k ELSE $2 END
	e := kind(execpb.ExprCase, typ, qc.expr(c0), qc.expr(c1),
		op(">", bo, qc.expr(c1), qc.expr(k)), qc.expr(k), qc.expr(c2))
	checkExpr(t, qc, e, func(i int) (types.Datum, error) {
		switch {
		case at(c0)(i) == true:
			return at(c1)(i), nil
		case refCompare(">", typ, at(c1)(i), at(k)(i)) == true:
			return at(k)(i), nil
		}
		return at(c2)(i), nil
	})
	// CASE WHEN $0 THEN $1 END
	e = kind(execpb.ExprCase, typ, qc.expr(c0), qc.expr(c1))
	checkExpr(t, qc, e, func(i int) (types.Datum, error) {
		if at(c0)(i) == true {
			return at(c1)(i), nil
		}
		return nil, nil
	})
	// COALESCE($1, $2, k)
	e = kind(execpb.ExprCoalesce, typ, qc.expr(c1), qc.expr(c2), qc.expr(k))
	checkExpr(t, qc, e, func(i int) (types.Datum, error) {
		for _, f := range []func(int) types.Datum{at(c1), at(c2), at(k)} {
			if d := f(i); d != nil {
				return d, nil
			}
		}
		return nil, nil
	})
	// NULLIF($1, $2) and NULLIF($1, k)
	for _, b := range []operand{c2, k} {
		e = kind(execpb.ExprNullIf, typ, qc.expr(c1), qc.expr(b))
		checkExpr(t, qc, e, func(i int) (types.Datum, error) {
			if refCompare("=", typ, at(c1)(i), at(b)(i)) == true {
				return nil, nil
			}
			return at(c1)(i), nil
		})
	}
}

// TestQuickSelectedRows checks the word-at-a-time scan of a filter mask
// against a row-by-row one, on sliced masks with NULLs.
func TestQuickSelectedRows(t *testing.T) {
	rng := rand.New(rand.NewSource(8))
	for it := 0; it < 300; it++ {
		qc := genCase(rng, types.BoolType)
		qc.off = rng.Intn(20)
		qc.cols[0] = append(genColumn(rng, types.BoolType, qc.off, true), genColumn(rng, types.BoolType, 1+rng.Intn(300), rng.Intn(2) == 0)...)
		mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
		rec := qc.record(mem)
		var want []int32
		for i := 0; i < qc.rows(); i++ {
			if qc.cols[0][qc.off+i] == true {
				want = append(want, int32(i))
			}
		}
		got := selectedRows(rec.Column(0), nil)
		rec.Release()
		mem.AssertSize(t, 0)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("off=%d %v: got %v, want %v", qc.off, qc.cols[0], got, want)
		}
	}
}
