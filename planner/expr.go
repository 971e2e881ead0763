package planner

import (
	"fmt"
	"strings"

	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/types"
)

// MakeConst returns a constant of type t holding text (PostgreSQL text
// format).
func MakeConst(t types.T, text string) *execpb.Expr {
	return &execpb.Expr{Kind: execpb.ExprConst, Type: t, Text: text}
}

// MakeNull returns a NULL constant of type t.
func MakeNull(t types.T) *execpb.Expr {
	return &execpb.Expr{Kind: execpb.ExprConst, Type: t, Null: true}
}

// MakeColumn returns a reference to input column col of type t.
func MakeColumn(col int, t types.T) *execpb.Expr {
	return &execpb.Expr{Kind: execpb.ExprColumn, Col: col, Type: t}
}

// MapExpr returns a copy of e in which f has replaced every node, bottom
// up: f receives a node whose arguments are already mapped (a fresh copy it
// may modify) and returns its replacement.
func MapExpr(e *execpb.Expr, f func(*execpb.Expr) (*execpb.Expr, error)) (*execpb.Expr, error) {
	if e == nil {
		return nil, nil
	}
	c := *e
	if len(e.Args) > 0 {
		c.Args = make([]*execpb.Expr, len(e.Args))
		for i, a := range e.Args {
			m, err := MapExpr(a, f)
			if err != nil {
				return nil, err
			}
			c.Args[i] = m
		}
	}
	return f(&c)
}

// mustMap is MapExpr with an infallible f.
func mustMap(e *execpb.Expr, f func(*execpb.Expr) *execpb.Expr) *execpb.Expr {
	out, _ := MapExpr(e, func(x *execpb.Expr) (*execpb.Expr, error) { return f(x), nil })
	return out
}

// WalkExpr calls f on every node of e, top down.
func WalkExpr(e *execpb.Expr, f func(*execpb.Expr)) {
	if e == nil {
		return
	}
	f(e)
	for _, a := range e.Args {
		WalkExpr(a, f)
	}
}

// columnsUsed adds the input columns that e reads to set.
func columnsUsed(e *execpb.Expr, set map[int]bool) {
	WalkExpr(e, func(x *execpb.Expr) {
		if x.Kind == execpb.ExprColumn {
			set[x.Col] = true
		}
	})
}

// remapColumns returns e with every column index c replaced by m[c].
func remapColumns(e *execpb.Expr, m map[int]int) *execpb.Expr {
	return mustMap(e, func(x *execpb.Expr) *execpb.Expr {
		if x.Kind == execpb.ExprColumn {
			x.Col = m[x.Col]
		}
		return x
	})
}

// conjuncts splits e into its AND-ed terms.
func conjuncts(e *execpb.Expr) []*execpb.Expr {
	if e == nil {
		return nil
	}
	if e.Kind == execpb.ExprAnd {
		var out []*execpb.Expr
		for _, a := range e.Args {
			out = append(out, conjuncts(a)...)
		}
		return out
	}
	return []*execpb.Expr{e}
}

// andAll joins terms with AND; nil when there are none.
func andAll(terms []*execpb.Expr) *execpb.Expr {
	switch len(terms) {
	case 0:
		return nil
	case 1:
		return terms[0]
	}
	return &execpb.Expr{Kind: execpb.ExprAnd, Type: types.BoolType, Args: terms}
}

// FormatExpr renders e for plan printing: columns are @1-based, constants
// carry their type.
func FormatExpr(e *execpb.Expr) string {
	var b strings.Builder
	formatExpr(&b, e)
	return b.String()
}

func formatExpr(b *strings.Builder, e *execpb.Expr) {
	switch e.Kind {
	case execpb.ExprConst:
		if e.Null {
			fmt.Fprintf(b, "NULL::%s", e.Type)
		} else {
			fmt.Fprintf(b, "'%s'::%s", e.Text, e.Type)
		}
	case execpb.ExprColumn:
		fmt.Fprintf(b, "@%d", e.Col+1)
	case execpb.ExprParam:
		fmt.Fprintf(b, "$%d", e.Param)
	case execpb.ExprOp:
		formatOp(b, e)
	default:
		formatCall(b, e)
	}
}

func formatOp(b *strings.Builder, e *execpb.Expr) {
	if len(e.Args) == 1 {
		b.WriteString("(" + strings.TrimPrefix(e.Op, "u"))
		formatExpr(b, e.Args[0])
		b.WriteString(")")
		return
	}
	b.WriteString("(")
	formatExpr(b, e.Args[0])
	b.WriteString(" " + e.Op + " ")
	formatExpr(b, e.Args[1])
	b.WriteString(")")
}

var kindNames = map[execpb.ExprKind]string{
	execpb.ExprAnd: "and", execpb.ExprOr: "or", execpb.ExprNot: "not",
	execpb.ExprIsNull: "isnull", execpb.ExprIsNotNull: "isnotnull",
	execpb.ExprIsBool: "is", execpb.ExprIn: "in", execpb.ExprCast: "cast",
	execpb.ExprCase: "case", execpb.ExprCoalesce: "coalesce",
	execpb.ExprNullIf: "nullif", execpb.ExprFunc: "func",
}

func formatCall(b *strings.Builder, e *execpb.Expr) {
	name := kindNames[e.Kind]
	if e.Op != "" {
		name += ":" + e.Op
	}
	if e.Kind == execpb.ExprCast {
		name += ":" + e.Type.String()
	}
	b.WriteString(name + "(")
	for i, a := range e.Args {
		if i > 0 {
			b.WriteString(", ")
		}
		formatExpr(b, a)
	}
	b.WriteString(")")
}
