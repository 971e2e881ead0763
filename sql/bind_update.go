package sql

import (
	pg_query "github.com/pganalyze/pg_query_go/v5"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
)

func (b *binder) bindUpdate(s *pg_query.UpdateStmt) (*updateStmt, error) {
	switch {
	case len(s.ReturningList) > 0:
		return nil, pgerror.New(pgerror.FeatureNotSupported, "RETURNING is not supported yet")
	case len(s.FromClause) > 0:
		return nil, pgerror.New(pgerror.FeatureNotSupported, "UPDATE ... FROM is not supported")
	case s.WithClause != nil:
		return nil, pgerror.New(pgerror.FeatureNotSupported, "WITH (common table expressions) is not supported")
	}
	sc, err := b.bindRangeVar(s.Relation)
	if err != nil {
		return nil, err
	}
	out := &updateStmt{table: sc.table, sets: map[int]*execpb.Expr{}}
	for _, n := range s.TargetList {
		rt := n.GetResTarget()
		i := sc.table.ColumnIndex(rt.Name)
		if i < 0 || sc.table.Columns[i].Hidden {
			return nil, b.errAt(pgerror.Newf(pgerror.UndefinedColumn, "column \"%s\" of relation \"%s\" does not exist", rt.Name, sc.table.Name), rt.Location)
		}
		if _, dup := out.sets[i]; dup {
			return nil, b.errAt(pgerror.Newf(pgerror.SyntaxError, "multiple assignments to same column \"%s\"", rt.Name), rt.Location)
		}
		var e *execpb.Expr
		if rt.Val.GetSetToDefault() != nil {
			e = defaultExpr(sc.table, i)
		} else if e, err = b.bindClause(rt.Val, sc, "UPDATE", nil); err != nil {
			return nil, err
		} else if e, err = b.assign(e, sc.table, i, exprLoc(rt.Val)); err != nil {
			return nil, err
		}
		out.sets[i] = e
	}
	out.filter, err = b.bindWhere(s.WhereClause, sc)
	return out, err
}

func (b *binder) bindDelete(s *pg_query.DeleteStmt) (*deleteStmt, error) {
	switch {
	case len(s.ReturningList) > 0:
		return nil, pgerror.New(pgerror.FeatureNotSupported, "RETURNING is not supported yet")
	case len(s.UsingClause) > 0:
		return nil, pgerror.New(pgerror.FeatureNotSupported, "DELETE ... USING is not supported")
	case s.WithClause != nil:
		return nil, pgerror.New(pgerror.FeatureNotSupported, "WITH (common table expressions) is not supported")
	}
	sc, err := b.bindRangeVar(s.Relation)
	if err != nil {
		return nil, err
	}
	filter, err := b.bindWhere(s.WhereClause, sc)
	return &deleteStmt{table: sc.table, filter: filter}, err
}

func (b *binder) bindWhere(n *pg_query.Node, sc *scope) (*execpb.Expr, error) {
	if n == nil {
		return nil, nil
	}
	e, err := b.bindClause(n, sc, "WHERE", nil)
	if err != nil {
		return nil, err
	}
	return b.requireBool(e, "WHERE", exprLoc(n))
}
