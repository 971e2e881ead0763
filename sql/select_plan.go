package sql

import (
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/planner"
)

// buildSelectPlan assembles the logical plan of a bound SELECT:
// leaf → filter → [pre-project → aggregate → having] → project → [distinct]
// → sort → limit → [project dropping sort-only columns].
func (b *binder) buildSelectPlan(p *selectParts, distinct bool) (planner.Node, error) {
	plan := leafOf(p.sc)
	if p.where != nil {
		plan = &planner.Filter{Input: plan, Pred: p.where}
	}
	outputs := append([]*execpb.Expr(nil), p.targets...)
	var sortExprs []*execpb.Expr
	for _, o := range p.order {
		if o.target < 0 {
			sortExprs = append(sortExprs, o.expr)
		}
	}
	if len(p.aggs.calls) > 0 || len(p.groups) > 0 || p.having != nil {
		var err error
		if plan, outputs, sortExprs, err = b.buildAggregate(p, plan, sortExprs); err != nil {
			return nil, err
		}
	}
	if distinct && len(sortExprs) > 0 {
		return nil, pgerror.New(pgerror.InvalidColumnReference, "for SELECT DISTINCT, ORDER BY expressions must appear in select list")
	}
	names := make([]string, 0, len(outputs)+len(sortExprs))
	for _, c := range p.cols {
		names = append(names, c.Name)
	}
	for range sortExprs {
		names = append(names, "?sort?")
	}
	plan = &planner.Project{Input: plan, Exprs: append(outputs, sortExprs...), ColNames: names}
	if distinct {
		plan = distinctOf(plan)
	}
	return finishSelect(p, plan, len(outputs), len(sortExprs)), nil
}

// leafOf is the scan of the FROM table, or one empty row without FROM.
func leafOf(sc *scope) planner.Node {
	if sc.rows != nil {
		return sc.rows
	}
	if sc.table == nil {
		return &planner.Values{Rows: [][]*execpb.Expr{{planner.MakeConst(types.Int4Type, "1")}},
			ColTypes: []types.T{types.Int4Type}, ColNames: []string{"?dummy?"}}
	}
	cols := make([]int, len(sc.table.Columns))
	for i := range cols {
		cols[i] = i
	}
	return &planner.Scan{Table: sc.table, Cols: cols}
}

func distinctOf(in planner.Node) planner.Node {
	groups := make([]int, len(in.Types()))
	for i := range groups {
		groups[i] = i
	}
	return &planner.Aggregate{Input: in, GroupCols: groups}
}

func finishSelect(p *selectParts, plan planner.Node, nOut, nExtra int) planner.Node {
	if len(p.order) > 0 {
		ords := make([]execpb.Ordering, len(p.order))
		extra := nOut
		for i, o := range p.order {
			col := o.target
			if col < 0 {
				col, extra = extra, extra+1
			}
			ords[i] = execpb.Ordering{Col: col, Desc: o.desc, NullsFirst: o.nullsFirst}
		}
		plan = &planner.Sort{Input: plan, Ordering: ords}
	}
	if p.limit != nil || p.offset != nil {
		plan = &planner.Limit{Input: plan, Limit: p.limit, Offset: p.offset}
	}
	if nExtra > 0 {
		exprs := make([]*execpb.Expr, nOut)
		names := plan.Names()[:nOut]
		for i, t := range plan.Types()[:nOut] {
			exprs[i] = planner.MakeColumn(i, t)
		}
		plan = &planner.Project{Input: plan, Exprs: exprs, ColNames: names}
	}
	return plan
}

// buildAggregate adds pre-project → aggregate → having over plan and
// rewrites the outputs and sort keys over the aggregate's columns.
func (b *binder) buildAggregate(p *selectParts, plan planner.Node, sortExprs []*execpb.Expr) (planner.Node, []*execpb.Expr, []*execpb.Expr, error) {
	addDependentGroups(p, p.targets, sortExprs)
	pre := append([]*execpb.Expr(nil), p.groups...)
	var preNames []string
	for i := range p.groups {
		preNames = append(preNames, "group"+itoa(i+1))
	}
	aggs := make([]execpb.AggFunc, len(p.aggs.calls))
	var aggNames []string
	for i, c := range p.aggs.calls {
		aggs[i] = c.fn
		if c.arg != nil {
			aggs[i].Arg = len(pre)
			pre = append(pre, c.arg)
			preNames = append(preNames, "arg"+itoa(i+1))
		}
		aggNames = append(aggNames, c.name)
	}
	if len(pre) == 0 {
		pre, preNames = []*execpb.Expr{planner.MakeConst(types.Int4Type, "1")}, []string{"?dummy?"}
	}
	groupCols := make([]int, len(p.groups))
	for i := range groupCols {
		groupCols[i] = i
	}
	plan = &planner.Aggregate{Input: &planner.Project{Input: plan, Exprs: pre, ColNames: preNames},
		GroupCols: groupCols, Aggs: aggs, AggNames: aggNames}
	rw := aggRewriter{b: b, groups: p.groups}
	if p.having != nil {
		h, err := rw.rewrite(p.having)
		if err != nil {
			return nil, nil, nil, err
		}
		plan = &planner.Filter{Input: plan, Pred: h}
	}
	outs, err := rw.rewriteAll(p.targets)
	if err != nil {
		return nil, nil, nil, err
	}
	sorts, err := rw.rewriteAll(sortExprs)
	return plan, outs, sorts, err
}

// aggRewriter rewrites expressions bound over the aggregate's input into
// expressions over its output (group columns, then aggregates).
type aggRewriter struct {
	b      *binder
	groups []*execpb.Expr
}

func (r aggRewriter) rewriteAll(es []*execpb.Expr) ([]*execpb.Expr, error) {
	out := make([]*execpb.Expr, len(es))
	for i, e := range es {
		var err error
		if out[i], err = r.rewrite(e); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (r aggRewriter) rewrite(e *execpb.Expr) (*execpb.Expr, error) {
	f := planner.FormatExpr(e)
	for i, g := range r.groups {
		if planner.FormatExpr(g) == f {
			return planner.MakeColumn(i, e.Type), nil
		}
	}
	switch {
	case e.Kind == execpb.ExprFunc && e.Op == aggPlaceholder:
		return planner.MakeColumn(len(r.groups)+e.Param, e.Type), nil
	case e.Kind == execpb.ExprColumn:
		ref := r.b.colRefs[e]
		err := pgerror.Newf(pgerror.GroupingError, "column \"%s\" must appear in the GROUP BY clause or be used in an aggregate function", ref.qualified)
		return nil, r.b.errAt(err, ref.loc)
	}
	c := *e
	c.Args = make([]*execpb.Expr, len(e.Args))
	for i, a := range e.Args {
		var err error
		if c.Args[i], err = r.rewrite(a); err != nil {
			return nil, err
		}
	}
	return &c, nil
}
