package sql

import (
	pg_query "github.com/pganalyze/pg_query_go/v5"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/types"
)

// bindDistinct binds l IS [NOT] DISTINCT FROM r. The operands are typed
// as for l = r; the result, never NULL, is built from the kinds exec
// has:
//
//	CASE WHEN l IS NULL THEN r IS [NOT] NULL
//	     WHEN r IS NULL THEN true (false for NOT DISTINCT)
//	     ELSE l <> r (l = r) END
func (b *binder) bindDistinct(a *pg_query.A_Expr, sc *scope) (*execpb.Expr, error) {
	eq, err := b.bindBinary("=", a.Lexpr, a.Rexpr, a.Location, sc)
	if err != nil {
		return nil, err
	}
	l, r := eq.Args[0], eq.Args[1]
	not := a.Kind == pg_query.A_Expr_Kind_AEXPR_NOT_DISTINCT
	bothNull, oneNull, cmp := execpb.ExprIsNotNull, "true", "<>"
	if not {
		bothNull, oneNull, cmp = execpb.ExprIsNull, "false", "="
	}
	boolean := func(kind execpb.ExprKind, args ...*execpb.Expr) *execpb.Expr {
		return &execpb.Expr{Kind: kind, Type: types.BoolType, Args: args}
	}
	return boolean(execpb.ExprCase,
		boolean(execpb.ExprIsNull, l), boolean(bothNull, r),
		boolean(execpb.ExprIsNull, r), &execpb.Expr{Kind: execpb.ExprConst, Type: types.BoolType, Text: oneNull},
		&execpb.Expr{Kind: execpb.ExprOp, Op: cmp, Type: types.BoolType, Args: []*execpb.Expr{l, r}},
	), nil
}

// bindMinMax binds GREATEST and LEAST: the arguments are resolved to
// their common type like COALESCE's; NULLs are ignored at run time.
func (b *binder) bindMinMax(m *pg_query.MinMaxExpr, sc *scope) (*execpb.Expr, error) {
	op, what := "greatest", "GREATEST"
	if m.Op == pg_query.MinMaxOp_IS_LEAST {
		op, what = "least", "LEAST"
	}
	args := make([]*execpb.Expr, len(m.Args))
	locs := make([]int32, len(m.Args))
	for i, a := range m.Args {
		e, err := b.bindExpr(a, sc)
		if err != nil {
			return nil, err
		}
		args[i], locs[i] = e, exprLoc(a)
	}
	args, t, err := b.unify(args, locs, what)
	if err != nil {
		return nil, err
	}
	return &execpb.Expr{Kind: execpb.ExprFunc, Op: op, Type: t, Args: args}, nil
}
