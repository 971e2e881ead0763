package exec

import (
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
)

func codeOf(err error) string { return string(pgerror.CodeOf(err)) }

func col(i int, t types.T) *execpb.Expr {
	return &execpb.Expr{Kind: execpb.ExprColumn, Col: i, Type: t}
}

func cnst(t types.T, s string) *execpb.Expr {
	if s == "NULL" {
		return &execpb.Expr{Kind: execpb.ExprConst, Type: t, Null: true}
	}
	return &execpb.Expr{Kind: execpb.ExprConst, Type: t, Text: s}
}

func op(name string, t types.T, args ...*execpb.Expr) *execpb.Expr {
	return &execpb.Expr{Kind: execpb.ExprOp, Op: name, Type: t, Args: args}
}

func fn(name string, t types.T, args ...*execpb.Expr) *execpb.Expr {
	return &execpb.Expr{Kind: execpb.ExprFunc, Op: name, Type: t, Args: args}
}

func kind(k execpb.ExprKind, t types.T, args ...*execpb.Expr) *execpb.Expr {
	return &execpb.Expr{Kind: k, Type: t, Args: args}
}

var (
	i4 = types.Int4Type
	i8 = types.Int8Type
	tx = types.TextType
	bo = types.BoolType
	nu = types.NumericType
	f8 = types.Float8Type
)
