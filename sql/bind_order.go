package sql

import (
	pg_query "github.com/pganalyze/pg_query_go/v5"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/planner"
)

func (b *binder) bindGroupBy(list []*pg_query.Node, p *selectParts) error {
	for _, n := range list {
		e, err := b.bindSelectRef(n, p, "GROUP BY", nil)
		if err != nil {
			return err
		}
		p.groups = append(p.groups, e)
	}
	return nil
}

// bindSelectRef binds a GROUP BY or ORDER BY item: an output column
// number, an output column name, or an expression over the input.
func (b *binder) bindSelectRef(n *pg_query.Node, p *selectParts, clause string, aggs *aggCollector) (*execpb.Expr, error) {
	if c := n.GetAConst(); c != nil && c.GetIval() != nil {
		pos := int(c.GetIval().Ival)
		if pos < 1 || pos > len(p.targets) {
			return nil, b.errAt(pgerror.Newf(pgerror.InvalidColumnReference, "%s position %d is not in select list", clause, pos), c.Location)
		}
		return p.targets[pos-1], nil
	}
	e, err := b.bindClause(n, p.sc, clause, aggs)
	if err == nil || pgerror.CodeOf(err) != pgerror.UndefinedColumn {
		if err == nil {
			e, err = b.resolveUnknownAsText(e, exprLoc(n))
		}
		return e, err
	}
	if i := p.outputNamed(n); i >= 0 {
		return p.targets[i], nil
	}
	return nil, err
}

// outputNamed returns the select-list column that a bare name names, or -1.
func (p *selectParts) outputNamed(n *pg_query.Node) int {
	cr := n.GetColumnRef()
	if cr == nil {
		return -1
	}
	names, star := columnRefNames(cr)
	if star || len(names) != 1 {
		return -1
	}
	for i, c := range p.cols {
		if c.Name == names[0] {
			return i
		}
	}
	return -1
}

func (b *binder) bindOrderBy(list []*pg_query.Node, p *selectParts) error {
	for _, n := range list {
		sb := n.GetSortBy()
		if sb.SortbyDir == pg_query.SortByDir_SORTBY_USING {
			return b.errAt(pgerror.New(pgerror.FeatureNotSupported, "ORDER BY USING is not supported"), sb.Location)
		}
		item := orderItem{target: -1, desc: sb.SortbyDir == pg_query.SortByDir_SORTBY_DESC}
		item.nullsFirst = item.desc
		switch sb.SortbyNulls {
		case pg_query.SortByNulls_SORTBY_NULLS_FIRST:
			item.nullsFirst = true
		case pg_query.SortByNulls_SORTBY_NULLS_LAST:
			item.nullsFirst = false
		}
		if i := p.outputNamed(sb.Node); i >= 0 {
			item.target = i
		} else {
			e, err := b.bindSelectRef(sb.Node, p, "ORDER BY", p.aggs)
			if err != nil {
				return err
			}
			item.expr = e
			item.target = p.targetMatching(e)
		}
		p.order = append(p.order, item)
	}
	return nil
}

// targetMatching returns the select-list column computing e, or -1.
func (p *selectParts) targetMatching(e *execpb.Expr) int {
	f := planner.FormatExpr(e)
	for i, t := range p.targets {
		if planner.FormatExpr(t) == f {
			return i
		}
	}
	return -1
}
