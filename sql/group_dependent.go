package sql

import (
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/planner"
)

// addDependentGroups lets a grouped query read any column of its table
// when the GROUP BY list holds the whole primary key (PostgreSQL's
// functional dependency rule): such columns have one value per group, so
// they become extra group columns.
func addDependentGroups(p *selectParts, exprs ...[]*execpb.Expr) {
	t := p.sc.table
	if t == nil || len(t.Key) == 0 || !groupsCoverKey(p.groups, t) {
		return
	}
	grouped := map[int]bool{}
	for _, g := range p.groups {
		if g.Kind == execpb.ExprColumn {
			grouped[g.Col] = true
		}
	}
	visit := func(e *execpb.Expr) {
		walkOutsideAggs(e, func(c *execpb.Expr) {
			if !grouped[c.Col] {
				grouped[c.Col] = true
				p.groups = append(p.groups, planner.MakeColumn(c.Col, c.Type))
			}
		})
	}
	for _, list := range exprs {
		for _, e := range list {
			visit(e)
		}
	}
	if p.having != nil {
		visit(p.having)
	}
}

func groupsCoverKey(groups []*execpb.Expr, t *planner.Table) bool {
	for _, k := range t.Key {
		found := false
		for _, g := range groups {
			found = found || g.Kind == execpb.ExprColumn && g.Col == k
		}
		if !found {
			return false
		}
	}
	return true
}

// walkOutsideAggs calls f on every column reference of e that is not an
// aggregate's argument (aggregates are placeholders there already).
func walkOutsideAggs(e *execpb.Expr, f func(*execpb.Expr)) {
	if e == nil {
		return
	}
	if e.Kind == execpb.ExprColumn {
		f(e)
		return
	}
	for _, a := range e.Args {
		walkOutsideAggs(a, f)
	}
}
