package planner

import "github.com/quiverdb/quiver/exec/execpb"

// mapExprs returns a copy of the plan n with f applied to every scalar
// expression of every node (limits included).
func mapExprs(n Node, f func(*execpb.Expr) (*execpb.Expr, error)) (Node, error) {
	if n == nil {
		return nil, nil
	}
	var in Node
	if c := n.Child(); c != nil {
		var err error
		if in, err = mapExprs(c, f); err != nil {
			return nil, err
		}
	}
	out := n.withChild(in)
	var err error
	switch x := out.(type) {
	case *Scan:
		x.Filter, err = MapExpr(x.Filter, f)
		if err == nil {
			x.Point, err = mapList(x.Point, f)
		}
	case *Values:
		rows := make([][]*execpb.Expr, len(x.Rows))
		for i, r := range x.Rows {
			if rows[i], err = mapList(r, f); err != nil {
				return nil, err
			}
		}
		x.Rows = rows
	case *Filter:
		x.Pred, err = MapExpr(x.Pred, f)
	case *Project:
		x.Exprs, err = mapList(x.Exprs, f)
	case *Limit:
		if x.Limit, err = MapExpr(x.Limit, f); err == nil {
			x.Offset, err = MapExpr(x.Offset, f)
		}
	}
	return out, err
}

func mapList(es []*execpb.Expr, f func(*execpb.Expr) (*execpb.Expr, error)) ([]*execpb.Expr, error) {
	if es == nil {
		return nil, nil
	}
	out := make([]*execpb.Expr, len(es))
	for i, e := range es {
		m, err := MapExpr(e, f)
		if err != nil {
			return nil, err
		}
		out[i] = m
	}
	return out, nil
}
