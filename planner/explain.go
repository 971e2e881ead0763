package planner

import (
	"fmt"
	"strings"

	"github.com/quiverdb/quiver/exec/execpb"
)

// FormatPlan renders a logical plan, one node per line, children indented.
func FormatPlan(n Node) string {
	var b strings.Builder
	for depth := 0; n != nil; depth, n = depth+1, n.Child() {
		b.WriteString(strings.Repeat("  ", depth))
		b.WriteString(formatNode(n))
		b.WriteString("\n")
	}
	return b.String()
}

func formatNode(n Node) string {
	switch x := n.(type) {
	case *Scan:
		return formatScan(x.Table.Name, x.Names(), x.Filter, x.Point)
	case *Values:
		rows := make([]string, len(x.Rows))
		for i, r := range x.Rows {
			rows[i] = "(" + formatExprs(r) + ")"
		}
		return "values " + strings.Join(rows, " ")
	case *Filter:
		return "filter " + FormatExpr(x.Pred)
	case *Project:
		return "project " + formatNamed(x.ColNames, x.Exprs)
	case *Aggregate:
		return fmt.Sprintf("aggregate group=%v %s", oneBased(x.GroupCols), formatAggs(x.Aggs))
	case *Sort:
		return "sort " + formatOrdering(x.Ordering)
	case *Limit:
		return "limit " + formatOptExpr(x.Limit) + " offset " + formatOptExpr(x.Offset)
	}
	return fmt.Sprintf("%T", n)
}

func formatScan(table string, cols []string, filter *execpb.Expr, point []*execpb.Expr) string {
	s := fmt.Sprintf("scan %s cols=[%s]", table, strings.Join(cols, " "))
	if filter != nil {
		s += " filter=" + FormatExpr(filter)
	}
	if point != nil {
		s += " point=(" + formatExprs(point) + ")"
	}
	return s
}

func formatOptExpr(e *execpb.Expr) string {
	if e == nil {
		return "none"
	}
	return FormatExpr(e)
}

func formatExprs(es []*execpb.Expr) string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = FormatExpr(e)
	}
	return strings.Join(parts, ", ")
}

func formatNamed(names []string, es []*execpb.Expr) string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = names[i] + "=" + FormatExpr(e)
	}
	return strings.Join(parts, " ")
}

func oneBased(cols []int) []int {
	out := make([]int, len(cols))
	for i, c := range cols {
		out[i] = c + 1
	}
	return out
}

func formatAggs(aggs []execpb.AggFunc) string {
	parts := make([]string, len(aggs))
	for i, f := range aggs {
		d := ""
		if f.Distinct {
			d = "distinct "
		}
		arg := fmt.Sprintf("@%d", f.Arg+1)
		if f.Func == "count_star" {
			arg = "*"
		}
		parts[i] = fmt.Sprintf("%s(%s%s)::%s", f.Func, d, arg, f.Type)
	}
	return strings.Join(parts, " ")
}

func formatOrdering(os []execpb.Ordering) string {
	parts := make([]string, len(os))
	for i, o := range os {
		dir, nulls := "asc", "last"
		if o.Desc {
			dir = "desc"
		}
		if o.NullsFirst {
			nulls = "first"
		}
		parts[i] = fmt.Sprintf("@%d %s nulls %s", o.Col+1, dir, nulls)
	}
	return strings.Join(parts, ", ")
}

// FormatDistributed renders a distributed plan: each shard fragment, then
// the gateway fragment.
func FormatDistributed(p *execpb.Plan) string {
	var b strings.Builder
	for i, f := range p.Shard {
		fmt.Fprintf(&b, "shard fragment %d:\n", i)
		formatSpec(&b, f, 1)
	}
	b.WriteString("gateway:\n")
	formatSpec(&b, p.Gateway, 1)
	return b.String()
}

func formatSpec(b *strings.Builder, n *execpb.Node, depth int) {
	for ; n != nil; depth, n = depth+1, n.Input {
		b.WriteString(strings.Repeat("  ", depth))
		b.WriteString(formatSpecNode(n))
		b.WriteString("\n")
	}
}

var aggModes = [...]string{"complete", "partial", "final"}

func formatSpecNode(n *execpb.Node) string {
	cols := "[" + strings.Join(n.Names, " ") + "]"
	switch n.Kind {
	case execpb.NodeScan:
		return formatScan(fmt.Sprintf("table%d", n.Scan.Table.ID), n.Names, n.Scan.Filter, n.Scan.Point)
	case execpb.NodeValues:
		return "values rows=" + fmt.Sprint(len(n.Rows)) + " " + cols
	case execpb.NodeFilter:
		return "filter " + FormatExpr(n.Filter)
	case execpb.NodeProject:
		return "project " + formatNamed(n.Names, n.Exprs)
	case execpb.NodeAggregate:
		return fmt.Sprintf("aggregate %s group=%v %s -> %s", aggModes[n.Agg.Mode], oneBased(n.Agg.GroupCols), formatAggs(n.Agg.Aggs), cols)
	case execpb.NodeSort:
		return "sort " + formatOrdering(n.Ordering)
	case execpb.NodeLimit:
		return fmt.Sprintf("limit %d offset %d", n.Limit, n.Offset)
	case execpb.NodeTopN:
		return fmt.Sprintf("top-n %d %s", n.Limit, formatOrdering(n.Ordering))
	case execpb.NodeMerge:
		s := fmt.Sprintf("merge shard fragment %d %s", n.Source, cols)
		if n.Ordering != nil {
			s += " ordered " + formatOrdering(n.Ordering)
		}
		return s
	}
	return fmt.Sprintf("node kind %d", n.Kind)
}
