package exec

import (
	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
)

// evaluator is a compiled scalar expression.
type evaluator interface {
	// typ is the result type.
	typ() types.T
	// eval returns a new array (the caller releases it) with one value per
	// row of rec. sel, when not nil, marks the rows whose value matters:
	// the others may hold anything and raise no error. This is how
	// AND/OR/CASE/COALESCE skip the rows they do not evaluate.
	eval(c *evalCtx, rec arrow.Record, sel []bool) (arrow.Array, error)
}

// evalCtx is the per-run state of expression evaluation.
type evalCtx struct {
	alloc memory.Allocator
}

// compileExpr turns a spec expression into an evaluator over input
// columns of types in.
func compileExpr(e *execpb.Expr, in []types.T) (evaluator, error) {
	if e == nil {
		return nil, pgerror.AssertionFailedf("nil expression")
	}
	switch e.Kind {
	case execpb.ExprConst:
		return compileConst(e)
	case execpb.ExprColumn:
		if e.Col < 0 || e.Col >= len(in) {
			return nil, pgerror.AssertionFailedf("column %d out of range (%d columns)", e.Col, len(in))
		}
		return &columnExpr{col: e.Col, t: in[e.Col]}, nil
	case execpb.ExprParam:
		return nil, pgerror.AssertionFailedf("parameter $%d reached exec", e.Param)
	}
	args, err := compileArgs(e.Args, in)
	if err != nil {
		return nil, err
	}
	return compileComposite(e, args)
}

func compileArgs(es []*execpb.Expr, in []types.T) ([]evaluator, error) {
	args := make([]evaluator, len(es))
	for i, a := range es {
		ev, err := compileExpr(a, in)
		if err != nil {
			return nil, err
		}
		args[i] = ev
	}
	return args, nil
}

func compileComposite(e *execpb.Expr, args []evaluator) (evaluator, error) {
	switch e.Kind {
	case execpb.ExprOp:
		return compileOp(e, args)
	case execpb.ExprAnd, execpb.ExprOr:
		return newLogicExpr(e.Kind == execpb.ExprAnd, args), nil
	case execpb.ExprNot:
		return newNotExpr(args)
	case execpb.ExprIsNull, execpb.ExprIsNotNull:
		return newIsNullExpr(e.Kind == execpb.ExprIsNotNull, args)
	case execpb.ExprIsBool:
		return newIsBoolExpr(e.Op, args)
	case execpb.ExprIn:
		return newInExpr(e.Op == "not in", args)
	case execpb.ExprCast:
		return newCastExpr(e.Type, e.Op, args)
	case execpb.ExprCase:
		return &caseExpr{t: e.Type, args: args}, nil
	case execpb.ExprCoalesce:
		return &coalesceExpr{t: e.Type, args: args}, nil
	case execpb.ExprNullIf:
		return newNullIfExpr(e.Type, args)
	case execpb.ExprFunc:
		return compileFunc(e, args)
	}
	return nil, pgerror.AssertionFailedf("unknown expression kind %d", e.Kind)
}

// compileExprs compiles a list of expressions.
func compileExprs(es []*execpb.Expr, in []types.T) ([]evaluator, error) {
	return compileArgs(es, in)
}

// columnExpr reads an input column.
type columnExpr struct {
	col int
	t   types.T
}

func (e *columnExpr) typ() types.T { return e.t }

func (e *columnExpr) eval(_ *evalCtx, rec arrow.Record, _ []bool) (arrow.Array, error) {
	arr := rec.Column(e.col)
	arr.Retain()
	return arr, nil
}

// constExpr is a constant, parsed at Build.
type constExpr struct {
	t types.T
	d types.Datum // nil for NULL
}

func compileConst(e *execpb.Expr) (evaluator, error) {
	if e.Null {
		return &constExpr{t: e.Type}, nil
	}
	d, err := types.ParseText(e.Type, e.Text)
	if err != nil {
		return nil, err
	}
	return &constExpr{t: e.Type, d: d}, nil
}

func (e *constExpr) typ() types.T { return e.t }

func (e *constExpr) eval(c *evalCtx, rec arrow.Record, _ []bool) (arrow.Array, error) {
	return constArray(c.alloc, e.t, e.d, int(rec.NumRows())), nil
}

// constArray returns an array of n copies of d.
func constArray(alloc memory.Allocator, t types.T, d types.Datum, n int) arrow.Array {
	if d == nil {
		return array.MakeArrayOfNull(alloc, t.ArrowType(), n)
	}
	b := array.NewBuilder(alloc, t.ArrowType())
	defer b.Release()
	b.Reserve(n)
	for i := 0; i < n; i++ {
		types.AppendDatum(b, t, d)
	}
	return b.NewArray()
}

// asConst returns the value of e when it is a constant.
func asConst(e evaluator) (types.Datum, bool) {
	if c, ok := e.(*constExpr); ok {
		return c.d, true
	}
	return nil, false
}

// evalArgs evaluates args over rec with the same selection.
func evalArgs(c *evalCtx, rec arrow.Record, sel []bool, args []evaluator) ([]arrow.Array, error) {
	out := make([]arrow.Array, len(args))
	for i, a := range args {
		arr, err := a.eval(c, rec, sel)
		if err != nil {
			releaseArrays(out[:i])
			return nil, err
		}
		out[i] = arr
	}
	return out, nil
}

func releaseArrays(arrs []arrow.Array) {
	for _, a := range arrs {
		if a != nil {
			a.Release()
		}
	}
}

func argTypes(args []evaluator) []types.T {
	ts := make([]types.T, len(args))
	for i, a := range args {
		ts[i] = a.typ()
	}
	return ts
}

// rowFunc computes one row's value from its argument datums.
type rowFunc func(ds []types.Datum) (types.Datum, error)

// rowExpr is the per-row Datum fallback: it evaluates its arguments as
// columns, then calls f once per selected row.
type rowExpr struct {
	t    types.T
	args []evaluator
	f    rowFunc
	// strict: a NULL argument gives NULL without calling f.
	strict bool
}

func (e *rowExpr) typ() types.T { return e.t }

func (e *rowExpr) eval(c *evalCtx, rec arrow.Record, sel []bool) (arrow.Array, error) {
	cols, err := evalArgs(c, rec, sel, e.args)
	if err != nil {
		return nil, err
	}
	defer releaseArrays(cols)
	return evalRows(c.alloc, int(rec.NumRows()), e.t, sel, cols, argTypes(e.args), e.strict, e.f)
}

// evalRows builds a column of t by calling f on each selected row of cols.
func evalRows(alloc memory.Allocator, n int, t types.T, sel []bool, cols []arrow.Array, ts []types.T, strict bool, f rowFunc) (arrow.Array, error) {
	b := array.NewBuilder(alloc, t.ArrowType())
	defer b.Release()
	b.Reserve(n)
	ds := make([]types.Datum, len(cols))
	for i := 0; i < n; i++ {
		if sel != nil && !sel[i] {
			b.AppendNull()
			continue
		}
		d, err := rowValue(cols, ts, i, ds, strict, f)
		if err != nil {
			return nil, err
		}
		types.AppendDatum(b, t, d)
	}
	return b.NewArray(), nil
}

func rowValue(cols []arrow.Array, ts []types.T, i int, ds []types.Datum, strict bool, f rowFunc) (types.Datum, error) {
	for j, col := range cols {
		ds[j] = types.DatumAt(col, ts[j], i)
		if strict && ds[j] == nil {
			return nil, nil
		}
	}
	return f(ds)
}

// andSel returns the selection of rows selected by sel (nil: all) where
// keep is true.
func andSel(sel []bool, n int, keep func(i int) bool) []bool {
	out := make([]bool, n)
	for i := range out {
		out[i] = (sel == nil || sel[i]) && keep(i)
	}
	return out
}
