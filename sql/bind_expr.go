package sql

import (
	"strconv"
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v5"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/planner"
)

// bindExpr binds a scalar expression over sc. The result may have type
// unknown (string literals, NULL, parameters): coerce it where the
// context gives a type.
func (b *binder) bindExpr(n *pg_query.Node, sc *scope) (*execpb.Expr, error) {
	switch {
	case n.GetColumnRef() != nil:
		return b.bindColumnRef(n.GetColumnRef(), sc)
	case n.GetAConst() != nil:
		return b.bindConst(n.GetAConst())
	case n.GetParamRef() != nil:
		return b.bindParam(n.GetParamRef())
	case n.GetAExpr() != nil:
		return b.bindAExpr(n.GetAExpr(), sc)
	case n.GetBoolExpr() != nil:
		return b.bindBoolExpr(n.GetBoolExpr(), sc)
	case n.GetNullTest() != nil:
		return b.bindNullTest(n.GetNullTest(), sc)
	case n.GetBooleanTest() != nil:
		return b.bindBooleanTest(n.GetBooleanTest(), sc)
	case n.GetTypeCast() != nil:
		return b.bindTypeCast(n.GetTypeCast(), sc)
	case n.GetFuncCall() != nil:
		return b.bindFuncCall(n.GetFuncCall(), sc)
	case n.GetCaseExpr() != nil:
		return b.bindCase(n.GetCaseExpr(), sc)
	case n.GetCoalesceExpr() != nil:
		return b.bindCoalesce(n.GetCoalesceExpr(), sc)
	case n.GetMinMaxExpr() != nil:
		return b.bindMinMax(n.GetMinMaxExpr(), sc)
	case n.GetSqlvalueFunction() != nil:
		return b.bindSQLValueFunction(n.GetSqlvalueFunction())
	case n.GetSubLink() != nil:
		return nil, b.errAt(pgerror.New(pgerror.FeatureNotSupported, "subqueries are not supported"), n.GetSubLink().Location)
	case n.GetSetToDefault() != nil:
		return nil, b.errAt(pgerror.New(pgerror.SyntaxError, "DEFAULT is not allowed in this context"), n.GetSetToDefault().Location)
	}
	return nil, pgerror.Newf(pgerror.FeatureNotSupported, "expression %s is not supported", nodeName(n))
}

// nodeName names a parse node's kind for error messages.
func nodeName(n *pg_query.Node) string {
	s := strings.TrimPrefix(strings.TrimPrefix(strings.Split(strings.TrimPrefix(typeString(n.Node), "*pg_query.Node_"), "{")[0], "*"), "pg_query.")
	return s
}

func (b *binder) bindConst(c *pg_query.A_Const) (*execpb.Expr, error) {
	if c.Isnull {
		return planner.MakeNull(types.UnknownType), nil
	}
	switch {
	case c.GetIval() != nil:
		return planner.MakeConst(types.Int4Type, strconv.FormatInt(int64(c.GetIval().Ival), 10)), nil
	case c.GetFval() != nil:
		s := c.GetFval().Fval
		if isIntegerLiteral(s) {
			if _, err := strconv.ParseInt(s, 10, 64); err == nil {
				return planner.MakeConst(types.Int8Type, s), nil
			}
		}
		return b.canonicalConst(types.NumericType, s, c.Location)
	case c.GetSval() != nil:
		return planner.MakeConst(types.UnknownType, c.GetSval().Sval), nil
	case c.GetBoolval() != nil:
		return planner.MakeConst(types.BoolType, strconv.FormatBool(c.GetBoolval().Boolval)), nil
	}
	return nil, b.errAt(pgerror.New(pgerror.FeatureNotSupported, "bit string constants are not supported"), c.Location)
}

// canonicalConst parses s as t and returns the constant in t's canonical
// text, so that later stages see a valid value.
func (b *binder) canonicalConst(t types.T, s string, loc int32) (*execpb.Expr, error) {
	d, err := types.ParseTextIn(t, s, b.loc)
	if err != nil {
		return nil, b.errAt(err, loc)
	}
	return planner.MakeConst(t, types.FormatText(t, d)), nil
}

// zoneCast folds a cast of constant e to t that reads the session zone
// (between timestamptz and timestamp, date or text): exec's casts assume
// UTC. ok is false when e is no such constant.
func (b *binder) zoneCast(e *execpb.Expr, t types.T, loc int32) (out *execpb.Expr, ok bool, err error) {
	tz := types.TimestampTZFamily
	if b.loc == nil || e.Null || (e.Type.Family == tz) == (t.Family == tz) {
		return nil, false, nil
	}
	if e.Kind != execpb.ExprConst {
		// Evaluated per row where the fragment runs: carry the zone.
		return &execpb.Expr{Kind: execpb.ExprCast, Type: t, Op: types.ZoneSpec(b.loc), Args: []*execpb.Expr{e}}, true, nil
	}
	d, err := types.ParseText(e.Type, e.Text)
	if err == nil {
		d, err = types.CastIn(d, e.Type, t, b.loc)
	}
	if err != nil {
		return nil, true, b.errAt(err, loc)
	}
	return planner.MakeConst(t, types.FormatText(t, d)), true, nil
}

func (b *binder) bindParam(p *pg_query.ParamRef) (*execpb.Expr, error) {
	if p.Number < 1 || p.Number > 65535 || b.noParams {
		return nil, b.errAt(pgerror.Newf(pgerror.UndefinedParameter, "there is no parameter $%d", p.Number), p.Location)
	}
	e := &execpb.Expr{Kind: execpb.ExprParam, Param: int(p.Number), Type: b.paramType(int(p.Number))}
	b.paramRefs = append(b.paramRefs, e)
	return e, nil
}

// isUnknown reports whether e still needs a type from its context.
func isUnknown(e *execpb.Expr) bool { return e.Type.Family == types.UnknownFamily }

// coerce gives e type t the way an implicit cast does: unknown literals
// are parsed as t, unknown parameters are inferred as t, other values are
// cast when t is an implicit-cast target. loc is the expression's offset.
func (b *binder) coerce(e *execpb.Expr, t types.T, loc int32) (*execpb.Expr, error) {
	if isUnknown(e) {
		return b.coerceUnknown(e, t, loc)
	}
	if sameType(e.Type, t) {
		return e, nil
	}
	if c, ok, err := b.zoneCast(e, t, loc); ok {
		return c, err
	}
	return &execpb.Expr{Kind: execpb.ExprCast, Type: t, Args: []*execpb.Expr{e}}, nil
}

func (b *binder) coerceUnknown(e *execpb.Expr, t types.T, loc int32) (*execpb.Expr, error) {
	switch e.Kind {
	case execpb.ExprParam:
		b.setParamType(e.Param, t)
		if !sameType(e.Type, t) {
			return &execpb.Expr{Kind: execpb.ExprCast, Type: t, Args: []*execpb.Expr{e}}, nil
		}
		return e, nil
	case execpb.ExprConst:
		if e.Null {
			return planner.MakeNull(t), nil
		}
		return b.canonicalConst(t, e.Text, loc)
	}
	c := *e
	c.Type = t
	return &c, nil
}

func sameType(a, b types.T) bool { return a == b }

// exprLoc returns the byte offset of a parse node, or -1.
func exprLoc(n *pg_query.Node) int32 {
	switch {
	case n == nil:
		return -1
	case n.GetColumnRef() != nil:
		return n.GetColumnRef().Location
	case n.GetAConst() != nil:
		return n.GetAConst().Location
	case n.GetParamRef() != nil:
		return n.GetParamRef().Location
	case n.GetAExpr() != nil:
		if l := exprLoc(n.GetAExpr().Lexpr); l >= 0 {
			return l
		}
		return n.GetAExpr().Location
	case n.GetTypeCast() != nil:
		if l := exprLoc(n.GetTypeCast().Arg); l >= 0 {
			return l
		}
		return n.GetTypeCast().Location
	case n.GetFuncCall() != nil:
		return n.GetFuncCall().Location
	case n.GetBoolExpr() != nil:
		return n.GetBoolExpr().Location
	case n.GetNullTest() != nil:
		return n.GetNullTest().Location
	case n.GetCaseExpr() != nil:
		return n.GetCaseExpr().Location
	case n.GetCoalesceExpr() != nil:
		return n.GetCoalesceExpr().Location
	case n.GetMinMaxExpr() != nil:
		return n.GetMinMaxExpr().Location
	case n.GetBooleanTest() != nil:
		return n.GetBooleanTest().Location
	case n.GetSqlvalueFunction() != nil:
		return n.GetSqlvalueFunction().Location
	}
	return -1
}

// isIntegerLiteral reports whether s is an optionally negative run of
// digits (an integer literal too large for int4).
func isIntegerLiteral(s string) bool {
	s = strings.TrimPrefix(s, "-")
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
