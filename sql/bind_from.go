package sql

import (
	pg_query "github.com/pganalyze/pg_query_go/v5"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/planner"
)

// bindFrom resolves a FROM clause of at most one table.
func (b *binder) bindFrom(from []*pg_query.Node) (*scope, error) {
	switch len(from) {
	case 0:
		return &scope{}, nil
	case 1:
	default:
		return nil, pgerror.New(pgerror.FeatureNotSupported, "joins are not supported")
	}
	n := from[0]
	switch {
	case n.GetRangeVar() != nil:
		return b.bindFromRangeVar(n.GetRangeVar())
	case n.GetJoinExpr() != nil:
		return nil, pgerror.New(pgerror.FeatureNotSupported, "joins are not supported")
	case n.GetRangeSubselect() != nil:
		return nil, pgerror.New(pgerror.FeatureNotSupported, "subqueries in FROM are not supported")
	case n.GetRangeFunction() != nil:
		return nil, pgerror.New(pgerror.FeatureNotSupported, "functions in FROM are not supported")
	}
	return nil, pgerror.Newf(pgerror.FeatureNotSupported, "FROM %s is not supported", nodeName(n))
}

func (b *binder) bindRangeVar(rv *pg_query.RangeVar) (*scope, error) {
	t, err := b.resolveTable(rv)
	if err != nil {
		return nil, err
	}
	sc := &scope{table: t, name: t.Name}
	if rv.Alias != nil && rv.Alias.Aliasname != "" {
		sc.name = rv.Alias.Aliasname
	}
	return sc, nil
}

// bindFromRangeVar binds a table of a FROM clause: a system catalog
// (pg_catalog is searched before public, so it shadows a user table of
// the same name) or a user table.
func (b *binder) bindFromRangeVar(rv *pg_query.RangeVar) (*scope, error) {
	vt := lookupVirtual(rv.Schemaname, rv.Relname)
	if vt == nil {
		return b.bindRangeVar(rv)
	}
	rows, err := vt.values(b.catalogEnv())
	if err != nil {
		return nil, err
	}
	sc := &scope{table: vt.plannerTable(), name: vt.name, rows: rows}
	if rv.Alias != nil && rv.Alias.Aliasname != "" {
		sc.name = rv.Alias.Aliasname
	}
	return sc, nil
}

// resolveTable finds the user table a RangeVar names (42P01 if none). A
// system catalog cannot be written (0A000).
func (b *binder) resolveTable(rv *pg_query.RangeVar) (*planner.Table, error) {
	if vt := lookupVirtual(rv.Schemaname, rv.Relname); vt != nil {
		err := pgerror.Newf(pgerror.FeatureNotSupported, "cannot modify system catalog \"%s\"", vt.name)
		return nil, b.errAt(err, rv.Location)
	}
	var t *planner.Table
	if rv.Schemaname == "" || rv.Schemaname == "public" {
		t = b.cat.Table(rv.Relname)
	}
	if t == nil {
		name := rv.Relname
		if rv.Schemaname != "" {
			name = rv.Schemaname + "." + name
		}
		return nil, b.errAt(pgerror.Newf(pgerror.UndefinedTable, "relation \"%s\" does not exist", name), rv.Location)
	}
	return t, nil
}
