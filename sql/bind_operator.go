package sql

import (
	pg_query "github.com/pganalyze/pg_query_go/v5"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
)

func (b *binder) bindAExpr(a *pg_query.A_Expr, sc *scope) (*execpb.Expr, error) {
	op := aexprName(a)
	switch a.Kind {
	case pg_query.A_Expr_Kind_AEXPR_OP:
		if a.Lexpr == nil {
			return b.bindUnary(op, a, sc)
		}
		return b.bindBinary(op, a.Lexpr, a.Rexpr, a.Location, sc)
	case pg_query.A_Expr_Kind_AEXPR_LIKE, pg_query.A_Expr_Kind_AEXPR_ILIKE:
		return b.bindLike(a, sc)
	case pg_query.A_Expr_Kind_AEXPR_IN:
		return b.bindIn(op, a, sc)
	case pg_query.A_Expr_Kind_AEXPR_NULLIF:
		return b.bindNullIf(a, sc)
	case pg_query.A_Expr_Kind_AEXPR_BETWEEN, pg_query.A_Expr_Kind_AEXPR_NOT_BETWEEN:
		return b.bindBetween(a, sc)
	case pg_query.A_Expr_Kind_AEXPR_DISTINCT, pg_query.A_Expr_Kind_AEXPR_NOT_DISTINCT:
		return b.bindDistinct(a, sc)
	}
	return nil, b.errAt(pgerror.Newf(pgerror.FeatureNotSupported, "operator %s is not supported", op), a.Location)
}

func aexprName(a *pg_query.A_Expr) string {
	name := ""
	for _, n := range a.Name {
		if s := n.GetString_(); s != nil {
			name = s.Sval
		}
	}
	return name
}

func (b *binder) bindUnary(op string, a *pg_query.A_Expr, sc *scope) (*execpb.Expr, error) {
	arg, err := b.bindExpr(a.Rexpr, sc)
	if err != nil {
		return nil, err
	}
	if isUnknown(arg) {
		if arg, err = b.coerce(arg, types.NumericType, exprLoc(a.Rexpr)); err != nil {
			return nil, err
		}
	}
	switch {
	case op == "+" && arg.Type.IsNumeric():
		return arg, nil
	case op == "-" && arg.Type.IsNumeric():
		if arg.Kind == execpb.ExprConst && !arg.Null && arg.Text != "" && arg.Text[0] != '-' {
			c := *arg
			c.Text = "-" + arg.Text
			return &c, nil
		}
		return &execpb.Expr{Kind: execpb.ExprOp, Op: "u-", Type: arg.Type, Args: []*execpb.Expr{arg}}, nil
	}
	return nil, b.errAt(undefinedOperator(op, nil, &arg.Type), a.Location)
}

// undefinedOperator is PostgreSQL's 42883 for an operator without a
// matching signature (l is nil for a prefix operator).
func undefinedOperator(op string, l, r *types.T) error {
	var err error
	if l == nil {
		err = pgerror.Newf(pgerror.UndefinedFunction, "operator does not exist: %s %s", op, r)
		return pgerror.WithHint(err, "No operator matches the given name and argument type. You might need to add an explicit type cast.")
	}
	{
		err = pgerror.Newf(pgerror.UndefinedFunction, "operator does not exist: %s %s %s", l, op, r)
	}
	return pgerror.WithHint(err, "No operator matches the given name and argument types. You might need to add explicit type casts.")
}

var comparisonOps = map[string]string{"=": "=", "<>": "<>", "!=": "<>", "<": "<", "<=": "<=", ">": ">", ">=": ">="}

func (b *binder) bindBinary(op string, ln, rn *pg_query.Node, loc int32, sc *scope) (*execpb.Expr, error) {
	l, err := b.bindExpr(ln, sc)
	if err != nil {
		return nil, err
	}
	r, err := b.bindExpr(rn, sc)
	if err != nil {
		return nil, err
	}
	return b.resolveBinary(op, l, r, exprLoc(ln), exprLoc(rn), loc)
}

// resolveBinary types a binary operator: it picks the common operand
// type, adds the casts, and fails with 42883 when none exists.
func (b *binder) resolveBinary(op string, l, r *execpb.Expr, lloc, rloc, loc int32) (*execpb.Expr, error) {
	if cmp, ok := comparisonOps[op]; ok {
		t, ok := commonType(l.Type, r.Type)
		if !ok {
			return nil, b.errAt(undefinedOperator(op, &l.Type, &r.Type), loc)
		}
		return b.makeOp(cmp, t, types.BoolType, l, r, lloc, rloc)
	}
	switch op {
	case "+", "-", "*", "/", "%":
		return b.resolveArith(op, l, r, lloc, rloc, loc)
	case "||":
		return b.resolveConcat(l, r, lloc, rloc, loc)
	case "^":
		return b.resolvePower(l, r, lloc, rloc, loc)
	}
	return nil, b.errAt(undefinedOperator(op, &l.Type, &r.Type), loc)
}

// resolvePower types x ^ y, which PostgreSQL has for double precision
// and numeric only: numeric when an operand is numeric and none is a
// float, else double precision (the preferred numeric type). It runs as
// power().
func (b *binder) resolvePower(l, r *execpb.Expr, lloc, rloc, loc int32) (*execpb.Expr, error) {
	num := func(t types.T) bool { return t.IsNumeric() || t.Family == types.UnknownFamily }
	if !num(l.Type) || !num(r.Type) {
		return nil, b.errAt(undefinedOperator("^", &l.Type, &r.Type), loc)
	}
	isFloat := func(t types.T) bool { return t.Family == types.Float4Family || t.Family == types.Float8Family }
	t := types.Float8Type
	if (l.Type.Family == types.NumericFamily || r.Type.Family == types.NumericFamily) && !isFloat(l.Type) && !isFloat(r.Type) {
		t = types.NumericType
	}
	lc, err := b.coerce(l, t, lloc)
	if err != nil {
		return nil, err
	}
	rc, err := b.coerce(r, t, rloc)
	if err != nil {
		return nil, err
	}
	return &execpb.Expr{Kind: execpb.ExprFunc, Op: "power", Type: t, Args: []*execpb.Expr{lc, rc}}, nil
}

func (b *binder) resolveArith(op string, l, r *execpb.Expr, lloc, rloc, loc int32) (*execpb.Expr, error) {
	lt, rt := l.Type, r.Type
	if isUnknown(l) && isUnknown(r) {
		return nil, b.errAt(pgerror.WithHint(pgerror.Newf(pgerror.AmbiguousFunction, "operator is not unique: unknown %s unknown", op),
			"Could not choose a best candidate operator. You might need to add explicit type casts."), loc)
	}
	if isUnknown(l) {
		lt = rt
	}
	if isUnknown(r) {
		rt = lt
	}
	if !lt.IsNumeric() || !rt.IsNumeric() {
		return nil, b.errAt(undefinedOperator(op, &l.Type, &r.Type), loc)
	}
	t := commonNumeric(lt, rt)
	return b.makeOp(op, t, t, l, r, lloc, rloc)
}

func (b *binder) resolveConcat(l, r *execpb.Expr, lloc, rloc, loc int32) (*execpb.Expr, error) {
	if !(l.Type.IsString() || isUnknown(l) || r.Type.IsString() || isUnknown(r)) {
		return nil, b.errAt(undefinedOperator("||", &l.Type, &r.Type), loc)
	}
	return b.makeOp("||", types.TextType, types.TextType, l, r, lloc, rloc)
}

// makeOp coerces both operands to t and builds the operator.
func (b *binder) makeOp(op string, t, result types.T, l, r *execpb.Expr, lloc, rloc int32) (*execpb.Expr, error) {
	l, err := b.coerce(l, t, lloc)
	if err != nil {
		return nil, err
	}
	r, err = b.coerce(r, t, rloc)
	if err != nil {
		return nil, err
	}
	return &execpb.Expr{Kind: execpb.ExprOp, Op: op, Type: result, Args: []*execpb.Expr{l, r}}, nil
}

func (b *binder) bindLike(a *pg_query.A_Expr, sc *scope) (*execpb.Expr, error) {
	op := "LIKE"
	if a.Kind == pg_query.A_Expr_Kind_AEXPR_ILIKE {
		op = "ILIKE"
	}
	if n := aexprName(a); n == "!~~" || n == "!~~*" {
		op = "NOT " + op
	}
	l, err := b.bindExpr(a.Lexpr, sc)
	if err != nil {
		return nil, err
	}
	r, err := b.bindExpr(a.Rexpr, sc)
	if err != nil {
		return nil, err
	}
	if !(l.Type.IsString() || isUnknown(l)) || !(r.Type.IsString() || isUnknown(r)) {
		return nil, b.errAt(undefinedOperator(aexprName(a), &l.Type, &r.Type), a.Location)
	}
	return b.makeOp(op, types.TextType, types.BoolType, l, r, exprLoc(a.Lexpr), exprLoc(a.Rexpr))
}

func (b *binder) bindIn(op string, a *pg_query.A_Expr, sc *scope) (*execpb.Expr, error) {
	list := a.Rexpr.GetList()
	if list == nil {
		return nil, b.errAt(pgerror.New(pgerror.FeatureNotSupported, "subqueries are not supported"), a.Location)
	}
	l, err := b.bindExpr(a.Lexpr, sc)
	if err != nil {
		return nil, err
	}
	args := []*execpb.Expr{l}
	locs := []int32{exprLoc(a.Lexpr)}
	t := l.Type
	for _, item := range list.Items {
		e, err := b.bindExpr(item, sc)
		if err != nil {
			return nil, err
		}
		var ok bool
		if t, ok = commonType(t, e.Type); !ok {
			return nil, b.errAt(undefinedOperator("=", &l.Type, &e.Type), a.Location)
		}
		args = append(args, e)
		locs = append(locs, exprLoc(item))
	}
	for i := range args {
		if args[i], err = b.coerce(args[i], t, locs[i]); err != nil {
			return nil, err
		}
	}
	in := &execpb.Expr{Kind: execpb.ExprIn, Type: types.BoolType, Args: args}
	if op == "<>" {
		in.Op = "not in"
	}
	return in, nil
}

func (b *binder) bindNullIf(a *pg_query.A_Expr, sc *scope) (*execpb.Expr, error) {
	eq, err := b.bindBinary("=", a.Lexpr, a.Rexpr, a.Location, sc)
	if err != nil {
		return nil, err
	}
	return &execpb.Expr{Kind: execpb.ExprNullIf, Type: eq.Args[0].Type, Args: eq.Args}, nil
}

func (b *binder) bindBetween(a *pg_query.A_Expr, sc *scope) (*execpb.Expr, error) {
	bounds := a.Rexpr.GetList()
	if bounds == nil || len(bounds.Items) != 2 {
		return nil, b.errAt(pgerror.New(pgerror.SyntaxError, "malformed BETWEEN"), a.Location)
	}
	lo, err := b.bindBinary(">=", a.Lexpr, bounds.Items[0], a.Location, sc)
	if err != nil {
		return nil, err
	}
	hi, err := b.bindBinary("<=", a.Lexpr, bounds.Items[1], a.Location, sc)
	if err != nil {
		return nil, err
	}
	and := &execpb.Expr{Kind: execpb.ExprAnd, Type: types.BoolType, Args: []*execpb.Expr{lo, hi}}
	if a.Kind == pg_query.A_Expr_Kind_AEXPR_NOT_BETWEEN {
		return &execpb.Expr{Kind: execpb.ExprNot, Type: types.BoolType, Args: []*execpb.Expr{and}}, nil
	}
	return and, nil
}
