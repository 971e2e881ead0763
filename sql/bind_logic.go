package sql

import (
	pg_query "github.com/pganalyze/pg_query_go/v5"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/planner"
)

// requireBool coerces e to boolean for clause (WHERE, HAVING, AND, ...),
// failing with 42804 as PostgreSQL does.
func (b *binder) requireBool(e *execpb.Expr, clause string, loc int32) (*execpb.Expr, error) {
	if isUnknown(e) {
		return b.coerce(e, types.BoolType, loc)
	}
	if e.Type.Family != types.BoolFamily {
		return nil, b.errAt(pgerror.Newf(pgerror.DatatypeMismatch, "argument of %s must be type boolean, not type %s", clause, e.Type), loc)
	}
	return e, nil
}

func (b *binder) bindBoolExpr(be *pg_query.BoolExpr, sc *scope) (*execpb.Expr, error) {
	kind, clause := execpb.ExprAnd, "AND"
	switch be.Boolop {
	case pg_query.BoolExprType_OR_EXPR:
		kind, clause = execpb.ExprOr, "OR"
	case pg_query.BoolExprType_NOT_EXPR:
		kind, clause = execpb.ExprNot, "NOT"
	}
	out := &execpb.Expr{Kind: kind, Type: types.BoolType}
	for _, a := range be.Args {
		e, err := b.bindExpr(a, sc)
		if err != nil {
			return nil, err
		}
		if e, err = b.requireBool(e, clause, exprLoc(a)); err != nil {
			return nil, err
		}
		out.Args = append(out.Args, e)
	}
	return out, nil
}

// resolveUnknownAsText gives an expression that is still unknown the type
// text (PostgreSQL's fallback).
func (b *binder) resolveUnknownAsText(e *execpb.Expr, loc int32) (*execpb.Expr, error) {
	if isUnknown(e) && e.Kind != execpb.ExprParam {
		return b.coerce(e, types.TextType, loc)
	}
	return e, nil
}

func (b *binder) bindNullTest(nt *pg_query.NullTest, sc *scope) (*execpb.Expr, error) {
	arg, err := b.bindExpr(nt.Arg, sc)
	if err != nil {
		return nil, err
	}
	if arg, err = b.resolveUnknownAsText(arg, exprLoc(nt.Arg)); err != nil {
		return nil, err
	}
	kind := execpb.ExprIsNull
	if nt.Nulltesttype == pg_query.NullTestType_IS_NOT_NULL {
		kind = execpb.ExprIsNotNull
	}
	return &execpb.Expr{Kind: kind, Type: types.BoolType, Args: []*execpb.Expr{arg}}, nil
}

var boolTests = map[pg_query.BoolTestType]string{
	pg_query.BoolTestType_IS_TRUE: "true", pg_query.BoolTestType_IS_NOT_TRUE: "not true",
	pg_query.BoolTestType_IS_FALSE: "false", pg_query.BoolTestType_IS_NOT_FALSE: "not false",
}

func (b *binder) bindBooleanTest(bt *pg_query.BooleanTest, sc *scope) (*execpb.Expr, error) {
	arg, err := b.bindExpr(bt.Arg, sc)
	if err != nil {
		return nil, err
	}
	if arg, err = b.requireBool(arg, "IS TRUE", exprLoc(bt.Arg)); err != nil {
		return nil, err
	}
	args := []*execpb.Expr{arg}
	switch bt.Booltesttype {
	case pg_query.BoolTestType_IS_UNKNOWN:
		return &execpb.Expr{Kind: execpb.ExprIsNull, Type: types.BoolType, Args: args}, nil
	case pg_query.BoolTestType_IS_NOT_UNKNOWN:
		return &execpb.Expr{Kind: execpb.ExprIsNotNull, Type: types.BoolType, Args: args}, nil
	}
	return &execpb.Expr{Kind: execpb.ExprIsBool, Op: boolTests[bt.Booltesttype], Type: types.BoolType, Args: args}, nil
}

func (b *binder) bindTypeCast(tc *pg_query.TypeCast, sc *scope) (*execpb.Expr, error) {
	t, err := b.resolveTypeName(tc.TypeName)
	if err != nil {
		return nil, err
	}
	arg, err := b.bindExpr(tc.Arg, sc)
	if err != nil {
		return nil, err
	}
	return b.explicitCast(arg, t, exprLoc(tc.Arg), tc.Location)
}

// explicitCast builds CAST(e AS t): 42846 when no such cast exists.
func (b *binder) explicitCast(e *execpb.Expr, t types.T, argLoc, loc int32) (*execpb.Expr, error) {
	if isUnknown(e) && e.Kind == execpb.ExprConst && !e.Null {
		// An explicit cast of a literal truncates to varchar(n).
		d, err := types.CastIn(e.Text, types.UnknownType, t, b.loc)
		if err != nil {
			return nil, b.errAt(err, argLoc)
		}
		return planner.MakeConst(t, types.FormatText(t, d)), nil
	}
	if isUnknown(e) {
		return b.coerce(e, t, argLoc)
	}
	if !explicitCastable(e.Type, t) {
		return nil, b.errAt(pgerror.Newf(pgerror.CannotCoerce, "cannot cast type %s to %s", e.Type, t), loc)
	}
	if sameType(e.Type, t) {
		return e, nil
	}
	if c, ok, err := b.zoneCast(e, t, argLoc); ok {
		return c, err
	}
	return &execpb.Expr{Kind: execpb.ExprCast, Type: t, Args: []*execpb.Expr{e}}, nil
}

func (b *binder) bindCase(ce *pg_query.CaseExpr, sc *scope) (*execpb.Expr, error) {
	var conds, results []*execpb.Expr
	var rlocs []int32
	for _, w := range ce.Args {
		cw := w.GetCaseWhen()
		var cond *execpb.Expr
		var err error
		if ce.Arg != nil {
			cond, err = b.bindBinary("=", ce.Arg, cw.Expr, cw.Location, sc)
		} else if cond, err = b.bindExpr(cw.Expr, sc); err == nil {
			cond, err = b.requireBool(cond, "CASE/WHEN", exprLoc(cw.Expr))
		}
		if err != nil {
			return nil, err
		}
		res, err := b.bindExpr(cw.Result, sc)
		if err != nil {
			return nil, err
		}
		conds, results, rlocs = append(conds, cond), append(results, res), append(rlocs, exprLoc(cw.Result))
	}
	if ce.Defresult != nil {
		res, err := b.bindExpr(ce.Defresult, sc)
		if err != nil {
			return nil, err
		}
		results, rlocs = append(results, res), append(rlocs, exprLoc(ce.Defresult))
	}
	results, t, err := b.unifyCase(results, rlocs, len(results) > len(conds))
	if err != nil {
		return nil, err
	}
	out := &execpb.Expr{Kind: execpb.ExprCase, Type: t}
	for i, c := range conds {
		out.Args = append(out.Args, c, results[i])
	}
	if len(results) > len(conds) {
		out.Args = append(out.Args, results[len(conds)])
	}
	return out, nil
}

func (b *binder) bindCoalesce(ce *pg_query.CoalesceExpr, sc *scope) (*execpb.Expr, error) {
	var args []*execpb.Expr
	var locs []int32
	for _, a := range ce.Args {
		e, err := b.bindExpr(a, sc)
		if err != nil {
			return nil, err
		}
		args, locs = append(args, e), append(locs, exprLoc(a))
	}
	args, t, err := b.unify(args, locs, "COALESCE")
	if err != nil {
		return nil, err
	}
	return &execpb.Expr{Kind: execpb.ExprCoalesce, Type: t, Args: args}, nil
}

// unifyCase resolves the type of CASE's results. PostgreSQL looks at the
// ELSE result first, which decides the order of the types in 42804.
func (b *binder) unifyCase(results []*execpb.Expr, locs []int32, hasElse bool) ([]*execpb.Expr, types.T, error) {
	if !hasElse {
		return b.unify(results, locs, "CASE")
	}
	n := len(results) - 1
	rs := append([]*execpb.Expr{results[n]}, results[:n]...)
	ls := append([]int32{locs[n]}, locs[:n]...)
	rs, t, err := b.unify(rs, ls, "CASE")
	if err != nil {
		return nil, t, err
	}
	return append(rs[1:], rs[0]), t, nil
}
