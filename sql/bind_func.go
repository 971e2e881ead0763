package sql

import (
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v5"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/planner"
)

// aggregateNames are the aggregate functions Quiver runs.
var aggregateNames = map[string]bool{"count": true, "sum": true, "avg": true, "min": true, "max": true}

func funcName(fc *pg_query.FuncCall) string {
	var parts []string
	for _, n := range fc.Funcname {
		if s := n.GetString_(); s != nil {
			parts = append(parts, s.Sval)
		}
	}
	if len(parts) > 1 && parts[0] == "pg_catalog" {
		parts = parts[1:]
	}
	return strings.Join(parts, ".")
}

func (b *binder) bindFuncCall(fc *pg_query.FuncCall, sc *scope) (*execpb.Expr, error) {
	name := funcName(fc)
	if fc.Over != nil {
		return nil, b.errAt(pgerror.New(pgerror.FeatureNotSupported, "window functions are not supported"), fc.Location)
	}
	if aggregateNames[name] {
		return b.bindAggregate(name, fc, sc)
	}
	if fc.AggStar || fc.AggDistinct {
		return nil, b.errAt(pgerror.Newf(pgerror.WrongObjectType, "%s is not an aggregate function", name), fc.Location)
	}
	args := make([]*execpb.Expr, len(fc.Args))
	for i, a := range fc.Args {
		e, err := b.bindExpr(a, sc)
		if err != nil {
			return nil, err
		}
		args[i] = e
	}
	return b.resolveFunc(name, args, fc)
}

// resolveFunc types a scalar function call. Functions whose value is fixed
// for the statement (now(), version(), current_setting(), ...) become
// constants here; the rest run in exec.
func (b *binder) resolveFunc(name string, args []*execpb.Expr, fc *pg_query.FuncCall) (*execpb.Expr, error) {
	if e, ok, err := b.sessionFunc(name, args, fc); ok || err != nil {
		return e, err
	}
	if name == "quote_ident" && len(args) == 1 {
		return b.bindQuoteIdent(args[0], fc)
	}
	if name == "pg_typeof" && len(args) == 1 {
		return planner.MakeConst(types.TextType, types.T{Family: args[0].Type.Family}.String()), nil
	}
	def, ok := scalarFuncDefs[name]
	if !ok {
		return nil, b.errAt(undefinedFunction(name, argTypes(args)), fc.Location)
	}
	sig, ambiguous := selectFunc(def, argTypes(args))
	switch {
	case ambiguous:
		return nil, b.errAt(ambiguousFunction(name, argTypes(args)), fc.Location)
	case sig == nil:
		return nil, b.errAt(undefinedFunction(name, argTypes(args)), fc.Location)
	}
	out := &execpb.Expr{Kind: execpb.ExprFunc, Op: def.op, Type: sig.ret, Args: make([]*execpb.Expr, len(args))}
	for i, a := range args {
		t := types.TextType
		if !sig.anyArgs {
			t = sig.args[i]
		} else if !isUnknown(a) {
			t = a.Type
		}
		c, err := b.coerce(a, t, exprLoc(fc.Args[i]))
		if err != nil {
			return nil, err
		}
		out.Args[i] = c
	}
	if zonedFuncs[def.op] && b.loc != nil && out.Args[len(out.Args)-1].Type.Family == types.TimestampTZFamily {
		out.Args = append(out.Args, planner.MakeConst(types.TextType, types.ZoneSpec(b.loc)))
	}
	return out, nil
}

func argTypes(args []*execpb.Expr) []types.T {
	ts := make([]types.T, len(args))
	for i, a := range args {
		ts[i] = a.Type
	}
	return ts
}

// sessionFunc evaluates the functions whose value the session fixes.
func (b *binder) sessionFunc(name string, args []*execpb.Expr, fc *pg_query.FuncCall) (*execpb.Expr, bool, error) {
	text := func(s string) (*execpb.Expr, bool, error) { return planner.MakeConst(types.TextType, s), true, nil }
	switch {
	case len(args) == 0:
		switch name {
		case "now", "transaction_timestamp", "statement_timestamp", "clock_timestamp":
			return b.nowConst(types.TimestampTZType), true, nil
		case "version":
			return text(versionString)
		case "current_database":
			return text(b.vars.database())
		case "current_schema":
			return text("public")
		case "current_user", "session_user":
			return text(b.vars.user())
		case "pg_backend_pid":
			return planner.MakeConst(types.Int4Type, "1"), true, nil
		}
	case name == "current_setting" && (len(args) == 1 || len(args) == 2):
		v, err := b.constText(args[0], exprLoc(fc.Args[0]))
		if err == nil {
			v, err = b.vars.getVar(strings.ToLower(v))
		}
		if err != nil {
			return nil, false, err
		}
		return text(v)
	case name == "set_config" && len(args) == 3:
		return b.setConfig(args, fc)
	}
	return nil, false, nil
}

func (b *binder) setConfig(args []*execpb.Expr, fc *pg_query.FuncCall) (*execpb.Expr, bool, error) {
	name, err := b.constText(args[0], exprLoc(fc.Args[0]))
	if err != nil {
		return nil, false, err
	}
	val, err := b.constText(args[1], exprLoc(fc.Args[1]))
	if err != nil {
		return nil, false, err
	}
	if err := b.vars.setVar(strings.ToLower(name), val); err != nil {
		return nil, false, err
	}
	v, err := b.vars.getVar(strings.ToLower(name))
	return planner.MakeConst(types.TextType, v), true, err
}

// constText returns the value of a constant text argument.
func (b *binder) constText(e *execpb.Expr, loc int32) (string, error) {
	if e.Kind != execpb.ExprConst || e.Null {
		return "", b.errAt(pgerror.New(pgerror.FeatureNotSupported, "this argument must be a constant"), loc)
	}
	return e.Text, nil
}

// nowConst returns the statement's timestamp as a constant of t.
// current_date and localtimestamp are the session zone's wall clock.
func (b *binder) nowConst(t types.T) *execpb.Expr {
	now := types.Timestamp(b.now.UnixMicro())
	d, err := types.CastIn(now, types.TimestampTZType, t, b.loc)
	if err != nil { // out of range: impossible for the current time
		d = now
	}
	return planner.MakeConst(t, types.FormatText(t, d))
}

func (b *binder) bindSQLValueFunction(f *pg_query.SQLValueFunction) (*execpb.Expr, error) {
	switch f.Op {
	case pg_query.SQLValueFunctionOp_SVFOP_CURRENT_DATE:
		return b.nowConst(types.DateType), nil
	case pg_query.SQLValueFunctionOp_SVFOP_CURRENT_TIMESTAMP, pg_query.SQLValueFunctionOp_SVFOP_CURRENT_TIMESTAMP_N:
		return b.nowConst(types.TimestampTZType), nil
	case pg_query.SQLValueFunctionOp_SVFOP_LOCALTIMESTAMP, pg_query.SQLValueFunctionOp_SVFOP_LOCALTIMESTAMP_N:
		return b.nowConst(types.TimestampType), nil
	case pg_query.SQLValueFunctionOp_SVFOP_CURRENT_USER, pg_query.SQLValueFunctionOp_SVFOP_CURRENT_ROLE,
		pg_query.SQLValueFunctionOp_SVFOP_USER, pg_query.SQLValueFunctionOp_SVFOP_SESSION_USER:
		return planner.MakeConst(types.TextType, b.vars.user()), nil
	case pg_query.SQLValueFunctionOp_SVFOP_CURRENT_CATALOG:
		return planner.MakeConst(types.TextType, b.vars.database()), nil
	case pg_query.SQLValueFunctionOp_SVFOP_CURRENT_SCHEMA:
		return planner.MakeConst(types.TextType, "public"), nil
	}
	return nil, b.errAt(pgerror.New(pgerror.FeatureNotSupported, "time types are not supported"), f.Location)
}

// versionString is version()'s value.
const versionString = "PostgreSQL 15.18 (Quiver) on x86_64-pc-linux-gnu, compiled by Go, 64-bit"
