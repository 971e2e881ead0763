package planner

import (
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/types"
)

// FoldExpr replaces every constant subexpression of e by its value.
// Evaluation errors (division by zero, overflow, bad casts) are returned,
// as PostgreSQL raises them when it plans.
func FoldExpr(e *execpb.Expr) (*execpb.Expr, error) {
	return MapExpr(e, foldNode)
}

func foldNode(x *execpb.Expr) (*execpb.Expr, error) {
	if x.Kind == execpb.ExprConst || x.Kind == execpb.ExprColumn || x.Kind == execpb.ExprParam {
		return x, nil
	}
	for _, a := range x.Args {
		if a.Kind != execpb.ExprConst {
			return x, nil
		}
	}
	d, ok, err := EvalConst(x)
	if err != nil || !ok {
		return x, err
	}
	if d == nil {
		return MakeNull(x.Type), nil
	}
	return MakeConst(x.Type, types.FormatText(x.Type, d)), nil
}

// ruleFold folds the constants of every expression of the plan.
func ruleFold(n Node) (Node, error) {
	return mapExprs(n, FoldExpr)
}

// isTrue reports whether e is the constant true.
func isTrue(e *execpb.Expr) bool {
	return e != nil && e.Kind == execpb.ExprConst && !e.Null && e.Type.Family == types.BoolFamily && e.Text == "true"
}
