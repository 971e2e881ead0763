package exec

import (
	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/bitutil"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
)

// logicExpr is AND (and=true) or OR over any number of bool args, with
// three-valued logic. An arg is evaluated only on rows that the previous
// args have not decided.
type logicExpr struct {
	and  bool
	args []evaluator
}

func newLogicExpr(and bool, args []evaluator) evaluator {
	return &logicExpr{and: and, args: args}
}

func (e *logicExpr) typ() types.T { return types.BoolType }

func (e *logicExpr) eval(c *evalCtx, rec arrow.Record, sel []bool) (arrow.Array, error) {
	n := int(rec.NumRows())
	decided := make([]bool, n) // the row's value is !e.and (false for AND)
	null := make([]bool, n)
	cur := sel
	for k, a := range e.args {
		if k > 0 {
			cur = andSel(sel, n, func(i int) bool { return !decided[i] })
		}
		arr, err := a.eval(c, rec, cur)
		if err != nil {
			return nil, err
		}
		e.fold(arr, cur, decided, null)
		arr.Release()
	}
	out := newBoolBuilder(c.alloc, n)
	for i := 0; i < n; i++ {
		switch {
		case decided[i]:
			setBit(out.bits.Bytes(), i, !e.and)
		case null[i]:
			out.setNull(c.alloc, i)
		default:
			setBit(out.bits.Bytes(), i, e.and)
		}
	}
	return out.finish(), nil
}

// fold merges one argument's values into the running state.
func (e *logicExpr) fold(arr arrow.Array, sel []bool, decided, null []bool) {
	if arr.DataType().ID() == arrow.NULL {
		for i := range null {
			if sel == nil || sel[i] {
				null[i] = true
			}
		}
		return
	}
	b := arr.(*array.Boolean)
	for i := range decided {
		if decided[i] || (sel != nil && !sel[i]) {
			continue
		}
		if b.IsNull(i) {
			null[i] = true
		} else if b.Value(i) != e.and {
			decided[i] = true
		}
	}
}

// notExpr is NOT.
type notExpr struct{ a evaluator }

func newNotExpr(args []evaluator) (evaluator, error) {
	if len(args) != 1 {
		return nil, pgerror.AssertionFailedf("NOT needs 1 argument")
	}
	return &notExpr{a: args[0]}, nil
}

func (e *notExpr) typ() types.T { return types.BoolType }

func (e *notExpr) eval(c *evalCtx, rec arrow.Record, sel []bool) (arrow.Array, error) {
	arr, err := e.a.eval(c, rec, sel)
	if err != nil {
		return nil, err
	}
	defer arr.Release()
	n := int(rec.NumRows())
	if arr.DataType().ID() == arrow.NULL {
		return array.MakeArrayOfNull(c.alloc, arrow.FixedWidthTypes.Boolean, n), nil
	}
	out := newBoolBuilder(c.alloc, n)
	out.valid, out.nulls = andValidity(c.alloc, n, arr)
	src := arr.Data().Buffers()[1].Bytes()
	bitutil.InvertBitmap(src, arr.Data().Offset(), n, out.bits.Bytes(), 0)
	return out.finish(), nil
}

// isNullExpr is IS [NOT] NULL.
type isNullExpr struct {
	not bool
	a   evaluator
}

func newIsNullExpr(not bool, args []evaluator) (evaluator, error) {
	if len(args) != 1 {
		return nil, pgerror.AssertionFailedf("IS NULL needs 1 argument")
	}
	return &isNullExpr{not: not, a: args[0]}, nil
}

func (e *isNullExpr) typ() types.T { return types.BoolType }

func (e *isNullExpr) eval(c *evalCtx, rec arrow.Record, sel []bool) (arrow.Array, error) {
	arr, err := e.a.eval(c, rec, sel)
	if err != nil {
		return nil, err
	}
	defer arr.Release()
	out := newBoolBuilder(c.alloc, arr.Len())
	for i := 0; i < arr.Len(); i++ {
		setBit(out.bits.Bytes(), i, arr.IsNull(i) != e.not)
	}
	return out.finish(), nil
}

// isBoolExpr is IS [NOT] TRUE / FALSE.
type isBoolExpr struct {
	want bool // TRUE or FALSE
	not  bool
	a    evaluator
}

func newIsBoolExpr(op string, args []evaluator) (evaluator, error) {
	if len(args) != 1 {
		return nil, pgerror.AssertionFailedf("IS %s needs 1 argument", op)
	}
	switch op {
	case "true":
		return &isBoolExpr{want: true, a: args[0]}, nil
	case "not true":
		return &isBoolExpr{want: true, not: true, a: args[0]}, nil
	case "false":
		return &isBoolExpr{a: args[0]}, nil
	case "not false":
		return &isBoolExpr{not: true, a: args[0]}, nil
	}
	return nil, pgerror.AssertionFailedf("unknown IS %q", op)
}

func (e *isBoolExpr) typ() types.T { return types.BoolType }

func (e *isBoolExpr) eval(c *evalCtx, rec arrow.Record, sel []bool) (arrow.Array, error) {
	arr, err := e.a.eval(c, rec, sel)
	if err != nil {
		return nil, err
	}
	defer arr.Release()
	n := int(rec.NumRows())
	out := newBoolBuilder(c.alloc, n)
	b, _ := arr.(*array.Boolean)
	for i := 0; i < n; i++ {
		is := b != nil && b.IsValid(i) && b.Value(i) == e.want
		setBit(out.bits.Bytes(), i, is != e.not)
	}
	return out.finish(), nil
}

// pickRows builds a column of t whose row i is row i of arrs[choice[i]]
// (NULL when choice[i] < 0). Columns of t's own Arrow type are copied
// value by value; others go through datums.
func pickRows(alloc memory.Allocator, t types.T, arrs []arrow.Array, ts []types.T, choice []int) arrow.Array {
	dt := t.ArrowType()
	for _, a := range arrs {
		if a != nil && !arrow.TypeEqual(a.DataType(), dt) {
			return pickDatums(alloc, t, arrs, ts, choice)
		}
	}
	switch dt.ID() {
	case arrow.INT16:
		return pickFixed[int16](alloc, dt, arrs, choice)
	case arrow.INT32, arrow.DATE32:
		return pickFixed[int32](alloc, dt, arrs, choice)
	case arrow.INT64, arrow.TIMESTAMP:
		return pickFixed[int64](alloc, dt, arrs, choice)
	case arrow.FLOAT32:
		return pickFixed[float32](alloc, dt, arrs, choice)
	case arrow.FLOAT64:
		return pickFixed[float64](alloc, dt, arrs, choice)
	case arrow.STRING:
		return pickStrings(alloc, arrs, choice)
	}
	return pickDatums(alloc, t, arrs, ts, choice)
}

// picked reports whether row i takes a value, and from which array.
func picked(arrs []arrow.Array, choice []int, i int) (arrow.Array, bool) {
	k := choice[i]
	if k < 0 || arrs[k] == nil || arrs[k].IsNull(i) {
		return nil, false
	}
	return arrs[k], true
}

func pickFixed[T fixed](alloc memory.Allocator, dt arrow.DataType, arrs []arrow.Array, choice []int) arrow.Array {
	n := len(choice)
	vals := make([][]T, len(arrs))
	for k, a := range arrs {
		if a != nil {
			vals[k] = valuesOf[T](a)
		}
	}
	b := newFixedBuilder[T](alloc, dt, n)
	b.valid = allNullBitmap(alloc, n)
	valid := b.valid.Bytes()
	for i := range choice {
		if _, ok := picked(arrs, choice, i); ok {
			b.vals[i] = vals[choice[i]][i]
			bitutil.SetBit(valid, i)
		} else {
			b.nulls++
		}
	}
	return b.finish()
}

func pickStrings(alloc memory.Allocator, arrs []arrow.Array, choice []int) arrow.Array {
	b := array.NewStringBuilder(alloc)
	defer b.Release()
	b.Reserve(len(choice))
	for i := range choice {
		if a, ok := picked(arrs, choice, i); ok {
			b.Append(a.(*array.String).Value(i))
		} else {
			b.AppendNull()
		}
	}
	return b.NewArray()
}

// pickDatums is pickRows through datums, for any types.
func pickDatums(alloc memory.Allocator, t types.T, arrs []arrow.Array, ts []types.T, choice []int) arrow.Array {
	b := array.NewBuilder(alloc, t.ArrowType())
	defer b.Release()
	b.Reserve(len(choice))
	for i, k := range choice {
		if _, ok := picked(arrs, choice, i); ok {
			types.AppendDatum(b, t, types.DatumAt(arrs[k], ts[k], i))
		} else {
			b.AppendNull()
		}
	}
	return b.NewArray()
}

// unchosen returns n row choices for pickRows, none made yet (-1).
func unchosen(n int) []int {
	choice := make([]int, n)
	for i := range choice {
		choice[i] = -1
	}
	return choice
}

// caseExpr is CASE WHEN c1 THEN v1 ... [ELSE e] END.
type caseExpr struct {
	t    types.T
	args []evaluator
}

func (e *caseExpr) typ() types.T { return e.t }

func (e *caseExpr) eval(c *evalCtx, rec arrow.Record, sel []bool) (arrow.Array, error) {
	n := int(rec.NumRows())
	choice := unchosen(n)
	vals := make([]arrow.Array, len(e.args))
	defer releaseArrays(vals)
	open := func(i int) bool { return choice[i] < 0 }
	for k := 0; k+1 < len(e.args); k += 2 {
		cond, err := e.args[k].eval(c, rec, andSel(sel, n, open))
		if err != nil {
			return nil, err
		}
		hit := andSel(sel, n, func(i int) bool { return open(i) && isTrue(cond, i) })
		cond.Release()
		if vals[k+1], err = e.args[k+1].eval(c, rec, hit); err != nil {
			return nil, err
		}
		for i, h := range hit {
			if h {
				choice[i] = k + 1
			}
		}
	}
	if len(e.args)%2 == 1 {
		last := len(e.args) - 1
		rest := andSel(sel, n, open)
		var err error
		if vals[last], err = e.args[last].eval(c, rec, rest); err != nil {
			return nil, err
		}
		for i, r := range rest {
			if r {
				choice[i] = last
			}
		}
	}
	return pickRows(c.alloc, e.t, vals, argTypes(e.args), choice), nil
}

// isTrue reports whether row i of a bool array is TRUE.
func isTrue(arr arrow.Array, i int) bool {
	b, ok := arr.(*array.Boolean)
	return ok && b.IsValid(i) && b.Value(i)
}

// coalesceExpr returns its first non-NULL argument.
type coalesceExpr struct {
	t    types.T
	args []evaluator
}

func (e *coalesceExpr) typ() types.T { return e.t }

func (e *coalesceExpr) eval(c *evalCtx, rec arrow.Record, sel []bool) (arrow.Array, error) {
	n := int(rec.NumRows())
	choice := unchosen(n)
	vals := make([]arrow.Array, len(e.args))
	defer releaseArrays(vals)
	for k, a := range e.args {
		cur := andSel(sel, n, func(i int) bool { return choice[i] < 0 })
		arr, err := a.eval(c, rec, cur)
		if err != nil {
			return nil, err
		}
		vals[k] = arr
		for i := range choice {
			if cur[i] && arr.IsValid(i) {
				choice[i] = k
			}
		}
	}
	return pickRows(c.alloc, e.t, vals, argTypes(e.args), choice), nil
}

// nullIfExpr is NULLIF(a, b).
type nullIfExpr struct {
	t    types.T
	a, b evaluator
}

func newNullIfExpr(t types.T, args []evaluator) (evaluator, error) {
	if len(args) != 2 {
		return nil, pgerror.AssertionFailedf("NULLIF needs 2 arguments")
	}
	return &nullIfExpr{t: t, a: args[0], b: args[1]}, nil
}

func (e *nullIfExpr) typ() types.T { return e.t }

func (e *nullIfExpr) eval(c *evalCtx, rec arrow.Record, sel []bool) (arrow.Array, error) {
	eq, err := newCompareExpr(cmpEQ, e.a, e.b).eval(c, rec, sel)
	if err != nil {
		return nil, err
	}
	defer eq.Release()
	a, err := e.a.eval(c, rec, sel)
	if err != nil {
		return nil, err
	}
	defer a.Release()
	choice := make([]int, a.Len())
	for i := range choice {
		if isTrue(eq, i) {
			choice[i] = -1
		}
	}
	return pickRows(c.alloc, e.t, []arrow.Array{a}, []types.T{e.a.typ()}, choice), nil
}

// newCastExpr compiles CAST(a AS t).
// newCastExpr casts to t; zone is the types.ZoneSpec of the time zone in
// which casts between timestamptz and wall-clock time run.
func newCastExpr(t types.T, zone string, args []evaluator) (evaluator, error) {
	if len(args) != 1 {
		return nil, pgerror.AssertionFailedf("CAST needs 1 argument")
	}
	from := args[0].typ()
	if from == t {
		return args[0], nil
	}
	loc, err := types.LoadZoneSpec(zone)
	if err != nil {
		return nil, err
	}
	return &rowExpr{t: t, args: args, strict: true, f: func(ds []types.Datum) (types.Datum, error) {
		return types.CastIn(ds[0], from, t, loc)
	}}, nil
}
