package planner

import (
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/types"
)

// SubstitutePlan returns a distributed plan built with its parameters in
// place (a generic plan: Optimize and Distribute over a plan that still
// has ExprParam) with each parameter replaced by its value. Nodes without
// parameters are shared with p, which is never written; a plan without
// parameters is returned as is. A point scan whose key value is NULL
// loses its Point (its filter, k = NULL, then matches nothing).
func SubstitutePlan(p *execpb.Plan, params []types.Datum) (*execpb.Plan, error) {
	if !planHasParams(p) {
		return p, nil
	}
	out := &execpb.Plan{Shard: make([]*execpb.Node, len(p.Shard))}
	var err error
	for i, f := range p.Shard {
		if out.Shard[i], err = substituteNode(f, params); err != nil {
			return nil, err
		}
	}
	out.Gateway, err = substituteNode(p.Gateway, params)
	return out, err
}

func planHasParams(p *execpb.Plan) bool {
	for _, f := range p.Shard {
		if nodeHasParams(f) {
			return true
		}
	}
	return nodeHasParams(p.Gateway)
}

// nodeHasParams reports whether n or a node below it holds a parameter.
func nodeHasParams(n *execpb.Node) bool {
	for ; n != nil; n = n.Input {
		found := hasParam(n.Filter) || listHasParam(n.Exprs)
		for _, r := range n.Rows {
			found = found || listHasParam(r)
		}
		if n.Scan != nil {
			found = found || hasParam(n.Scan.Filter) || listHasParam(n.Scan.Point)
		}
		if found {
			return true
		}
	}
	return false
}

func hasParam(e *execpb.Expr) bool {
	if e == nil {
		return false
	}
	if e.Kind == execpb.ExprParam {
		return true
	}
	return listHasParam(e.Args)
}

func listHasParam(es []*execpb.Expr) bool {
	for _, e := range es {
		if hasParam(e) {
			return true
		}
	}
	return false
}

func substituteNode(n *execpb.Node, params []types.Datum) (*execpb.Node, error) {
	if !nodeHasParams(n) {
		return n, nil
	}
	c := *n
	var err error
	if c.Input, err = substituteNode(n.Input, params); err != nil {
		return nil, err
	}
	subst := func(e *execpb.Expr) (*execpb.Expr, error) { return SubstituteExpr(e, params) }
	if c.Filter, err = MapExpr(n.Filter, subst); err != nil {
		return nil, err
	}
	if c.Exprs, err = mapList(n.Exprs, subst); err != nil {
		return nil, err
	}
	if n.Rows != nil {
		c.Rows = make([][]*execpb.Expr, len(n.Rows))
		for i, r := range n.Rows {
			if c.Rows[i], err = mapList(r, subst); err != nil {
				return nil, err
			}
		}
	}
	if n.Scan != nil {
		if c.Scan, err = substituteScan(n.Scan, subst); err != nil {
			return nil, err
		}
	}
	return &c, nil
}

func substituteScan(s *execpb.Scan, subst func(*execpb.Expr) (*execpb.Expr, error)) (*execpb.Scan, error) {
	c := *s
	var err error
	if c.Filter, err = MapExpr(s.Filter, subst); err != nil {
		return nil, err
	}
	if c.Point, err = mapList(s.Point, subst); err != nil {
		return nil, err
	}
	for _, v := range c.Point {
		if v.Null {
			c.Point = nil
			break
		}
	}
	return &c, nil
}
