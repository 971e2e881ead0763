package planner

import (
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
)

// Substitute returns plan n with every parameter $i replaced by the
// constant params[i-1] (nil is NULL) of its type. The gateway calls it
// before fragments leave it.
func Substitute(n Node, params []types.Datum) (Node, error) {
	return mapExprs(n, func(e *execpb.Expr) (*execpb.Expr, error) {
		return SubstituteExpr(e, params)
	})
}

// SubstituteExpr replaces the parameters of one expression (see
// Substitute).
func SubstituteExpr(e *execpb.Expr, params []types.Datum) (*execpb.Expr, error) {
	return MapExpr(e, func(x *execpb.Expr) (*execpb.Expr, error) {
		if x.Kind != execpb.ExprParam {
			return x, nil
		}
		if x.Param < 1 || x.Param > len(params) {
			return nil, pgerror.Newf(pgerror.UndefinedParameter, "there is no parameter $%d", x.Param)
		}
		d := params[x.Param-1]
		if d == nil {
			return MakeNull(x.Type), nil
		}
		return MakeConst(x.Type, types.FormatText(x.Type, d)), nil
	})
}
