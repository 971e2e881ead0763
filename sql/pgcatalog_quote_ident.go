package sql

import (
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v5"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/planner"
)

// identChars are the characters of an identifier quote_ident leaves bare
// (its first character must not be a digit).
const identChars = "abcdefghijklmnopqrstuvwxyz0123456789_"

// quotedKeywords are PostgreSQL 15's keywords that are not unreserved
// (pg_get_keywords() catcode <> 'U'): quote_ident quotes them.
var quotedKeywords = strings.Fields(`all analyse analyze and any array as asc asymmetric authorization
between bigint binary bit boolean both case cast char character check coalesce collate collation
column concurrently constraint create cross current_catalog current_date current_role current_schema
current_time current_timestamp current_user dec decimal default deferrable desc distinct do else end
except exists extract false fetch float for foreign freeze from full grant greatest group grouping
having ilike in initially inner inout int integer intersect interval into is isnull join lateral
leading least left like limit localtime localtimestamp national natural nchar none normalize not
notnull null nullif numeric offset on only or order out outer overlaps overlay placing position
precision primary real references returning right row select session_user setof similar smallint
some substring symmetric table tablesample then time timestamp to trailing treat trim true union
unique user using values varchar variadic verbose when where window with xmlattributes xmlconcat
xmlelement xmlexists xmlforest xmlnamespaces xmlparse xmlpi xmlroot xmlserialize xmltable`)

// quoteIdent is PostgreSQL's quote_ident.
func quoteIdent(s string) string {
	if identIsBare(s) {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

func identIsBare(s string) bool {
	if s == "" || (s[0] >= '0' && s[0] <= '9') || strings.Trim(s, identChars) != "" {
		return false
	}
	for _, k := range quotedKeywords {
		if s == k {
			return false
		}
	}
	return true
}

// bindQuoteIdent binds quote_ident(arg): folded when arg is a constant,
// else compiled into the kernels exec has:
//
//	CASE WHEN btrim(x, identChars) = '' AND x <> '' AND left(x, 1) NOT IN
//	  ('0', ..., '9') AND x NOT IN (keywords) THEN x
//	ELSE '"' || replace(x, '"', '""') || '"' END
//
// (A quote_ident kernel in exec would be cheaper than this expression.)
func (b *binder) bindQuoteIdent(arg *execpb.Expr, fc *pg_query.FuncCall) (*execpb.Expr, error) {
	if !isUnknown(arg) && !arg.Type.IsString() {
		return nil, b.errAt(undefinedFunction("quote_ident", []types.T{arg.Type}), fc.Location)
	}
	x, err := b.coerce(arg, types.TextType, exprLoc(fc.Args[0]))
	if err != nil {
		return nil, err
	}
	if x.Kind == execpb.ExprConst {
		if x.Null {
			return planner.MakeNull(types.TextType), nil
		}
		return planner.MakeConst(types.TextType, quoteIdent(x.Text)), nil
	}
	return quoteIdentExpr(x), nil
}

func quoteIdentExpr(x *execpb.Expr) *execpb.Expr {
	text := func(s string) *execpb.Expr { return planner.MakeConst(types.TextType, s) }
	fn := func(op string, args ...*execpb.Expr) *execpb.Expr {
		return &execpb.Expr{Kind: execpb.ExprFunc, Op: op, Type: types.TextType, Args: args}
	}
	cmp := func(op string, l, r *execpb.Expr) *execpb.Expr {
		return &execpb.Expr{Kind: execpb.ExprOp, Op: op, Type: types.BoolType, Args: []*execpb.Expr{l, r}}
	}
	notIn := func(l *execpb.Expr, words []string) *execpb.Expr {
		in := &execpb.Expr{Kind: execpb.ExprIn, Op: "not in", Type: types.BoolType, Args: []*execpb.Expr{l}}
		for _, w := range words {
			in.Args = append(in.Args, text(w))
		}
		return in
	}
	digits := strings.Split("0123456789", "")
	bare := &execpb.Expr{Kind: execpb.ExprAnd, Type: types.BoolType, Args: []*execpb.Expr{
		cmp("=", fn("btrim", x, text(identChars)), text("")),
		cmp("<>", x, text("")),
		notIn(fn("left", x, planner.MakeConst(types.Int4Type, "1")), digits),
		notIn(x, quotedKeywords),
	}}
	concat := func(l, r *execpb.Expr) *execpb.Expr {
		return &execpb.Expr{Kind: execpb.ExprOp, Op: "||", Type: types.TextType, Args: []*execpb.Expr{l, r}}
	}
	quoted := concat(concat(text(`"`), fn("replace", x, text(`"`), text(`""`))), text(`"`))
	return &execpb.Expr{Kind: execpb.ExprCase, Type: types.TextType, Args: []*execpb.Expr{bare, x, quoted}}
}
