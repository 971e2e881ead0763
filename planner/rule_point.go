package planner

import "github.com/quiverdb/quiver/exec/execpb"

// rulePoint sets Scan.Point when the scan's filter fixes every primary
// key column to a constant of the column's type. The filter stays in
// place: it still checks the other terms.
func rulePoint(n Node) Node {
	nodes := chain(n)
	s, ok := nodes[len(nodes)-1].(*Scan)
	if !ok || s.Filter == nil || s.Point != nil {
		return n
	}
	point := pointOf(s)
	if point == nil {
		return n
	}
	c := *s
	c.Point = point
	return rebuild(nodes[:len(nodes)-1], &c)
}

// pointOf returns the key constants that s.Filter fixes, or nil.
func pointOf(s *Scan) []*execpb.Expr {
	fixed := map[int]*execpb.Expr{} // table column -> constant
	for _, t := range conjuncts(s.Filter) {
		col, val, ok := columnEqConst(t)
		if !ok {
			continue
		}
		tc := s.Cols[col]
		if s.Table.Columns[tc].Type.Family == val.Type.Family {
			fixed[tc] = val
		}
	}
	point := make([]*execpb.Expr, len(s.Table.Key))
	for i, k := range s.Table.Key {
		v, ok := fixed[k]
		if !ok {
			return nil
		}
		point[i] = v
	}
	return point
}

// columnEqConst matches "column = non-NULL constant" in either order. A
// parameter counts as a constant: in a generic plan (see SubstitutePlan)
// it becomes one before the plan runs, and a NULL drops the point.
func columnEqConst(t *execpb.Expr) (int, *execpb.Expr, bool) {
	if t.Kind != execpb.ExprOp || t.Op != "=" || len(t.Args) != 2 {
		return 0, nil, false
	}
	a, b := t.Args[0], t.Args[1]
	if b.Kind == execpb.ExprColumn {
		a, b = b, a
	}
	if a.Kind != execpb.ExprColumn || b.Kind != execpb.ExprConst && b.Kind != execpb.ExprParam || b.Null {
		return 0, nil, false
	}
	return a.Col, b, true
}

// rebuild stacks the nodes above (root first) on top of leaf.
func rebuild(above []Node, leaf Node) Node {
	out := leaf
	for i := len(above) - 1; i >= 0; i-- {
		out = above[i].withChild(out)
	}
	return out
}
