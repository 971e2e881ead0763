package sql

import (
	pg_query "github.com/pganalyze/pg_query_go/v5"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
)

// aggCall is one aggregate call of a statement.
type aggCall struct {
	fn   execpb.AggFunc // Arg is set when the plan is built
	arg  *execpb.Expr   // nil for count(*)
	name string
}

// aggCollector gathers a statement's aggregate calls. Bound expressions
// refer to call i through a placeholder (ExprFunc "$agg", Param i).
type aggCollector struct {
	calls []aggCall
}

const aggPlaceholder = "$agg"

func (b *binder) bindAggregate(name string, fc *pg_query.FuncCall, sc *scope) (*execpb.Expr, error) {
	if b.aggs == nil {
		where := b.aggWhere
		if where == "" {
			where = "this context"
		}
		return nil, b.errAt(pgerror.Newf(pgerror.GroupingError, "aggregate functions are not allowed in %s", where), fc.Location)
	}
	if fc.AggFilter != nil || len(fc.AggOrder) > 0 || fc.AggWithinGroup {
		return nil, b.errAt(pgerror.New(pgerror.FeatureNotSupported, "aggregate FILTER and ORDER BY are not supported"), fc.Location)
	}
	call, err := b.bindAggArgs(name, fc, sc)
	if err != nil {
		return nil, err
	}
	b.aggs.calls = append(b.aggs.calls, call)
	return &execpb.Expr{Kind: execpb.ExprFunc, Op: aggPlaceholder, Param: len(b.aggs.calls) - 1, Type: call.fn.Type}, nil
}

func (b *binder) bindAggArgs(name string, fc *pg_query.FuncCall, sc *scope) (aggCall, error) {
	if fc.AggStar {
		if name != "count" {
			return aggCall{}, b.errAt(pgerror.Newf(pgerror.SyntaxError, "%s(*) specified, but %s is not an aggregate function", name, name), fc.Location)
		}
		return aggCall{fn: execpb.AggFunc{Func: "count_star", Type: types.Int8Type}, name: name}, nil
	}
	if len(fc.Args) != 1 {
		return aggCall{}, b.errAt(undefinedFunction(name, nil), fc.Location)
	}
	outer := b.aggs
	b.aggs = nil
	b.aggWhere = "aggregate function calls" // nested aggregates
	arg, err := b.bindExpr(fc.Args[0], sc)
	b.aggs, b.aggWhere = outer, ""
	if err != nil {
		if pgerror.CodeOf(err) == pgerror.GroupingError {
			return aggCall{}, b.errAt(pgerror.New(pgerror.GroupingError, "aggregate function calls cannot be nested"), exprLoc(fc.Args[0]))
		}
		return aggCall{}, err
	}
	if isUnknown(arg) && arg.Kind != execpb.ExprParam && (name == "sum" || name == "avg") {
		return aggCall{}, b.errAt(ambiguousFunction(name, []types.T{arg.Type}), fc.Location)
	}
	if arg, err = b.resolveUnknownAsText(arg, exprLoc(fc.Args[0])); err != nil {
		return aggCall{}, err
	}
	rt, ok := aggResultType(name, arg.Type)
	if !ok {
		return aggCall{}, b.errAt(undefinedFunction(name, []types.T{arg.Type}), fc.Location)
	}
	if (name == "min" || name == "max") && arg.Type.Family == types.VarcharFamily {
		arg = &execpb.Expr{Kind: execpb.ExprCast, Type: types.TextType, Args: []*execpb.Expr{arg}}
	}
	return aggCall{fn: execpb.AggFunc{Func: name, Distinct: fc.AggDistinct, ArgType: arg.Type, Type: rt}, arg: arg, name: name}, nil
}

// aggResultType is PostgreSQL's result type of an aggregate over t.
func aggResultType(name string, t types.T) (types.T, bool) {
	switch name {
	case "count":
		return types.Int8Type, true
	case "sum":
		switch t.Family {
		case types.Int2Family, types.Int4Family:
			return types.Int8Type, true
		case types.Int8Family, types.NumericFamily:
			return types.NumericType, true
		case types.Float4Family, types.Float8Family:
			return types.T{Family: t.Family}, true
		}
	case "avg":
		switch {
		case t.IsInteger() || t.Family == types.NumericFamily:
			return types.NumericType, true
		case t.IsNumeric():
			return types.Float8Type, true
		}
	case "min", "max":
		switch {
		case t.Family == types.VarcharFamily:
			return types.TextType, true
		case t.IsNumeric() || t.IsString() || dateRank(t.Family) > 0:
			return types.T{Family: t.Family}, true
		}
	}
	return types.T{}, false
}
