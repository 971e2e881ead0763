package sql

import (
	"time"

	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/meta"
	"github.com/quiverdb/quiver/planner"
)

// BuildPlan parses and binds one SELECT, UPDATE or DELETE against
// catalog and returns its logical plan (for planner tests and EXPLAIN).
func BuildPlan(catalog planner.Catalog, query string) (planner.Node, error) {
	raws, err := parse(query)
	if err != nil {
		return nil, err
	}
	if len(raws) != 1 {
		return nil, pgerror.New(pgerror.SyntaxError, "expected exactly one statement")
	}
	b := newBinder(catalog, query, nil, staticVars{}, time.Unix(0, 0))
	bs, err := b.bind(raws[0].node, 1)
	if err != nil {
		return nil, err
	}
	switch st := bs.(type) {
	case *selectStmt:
		return st.plan, nil
	case *updateStmt:
		p, _ := updatePlan(st.table, st.filter, st.sets)
		return p, nil
	case *deleteStmt:
		p, _ := updatePlan(st.table, st.filter, nil)
		return p, nil
	}
	return nil, pgerror.New(pgerror.FeatureNotSupported, "statement has no query plan")
}

// BindCreateTable binds a CREATE TABLE statement into the table it
// defines (the ID is left to the caller), for tests and tools.
func BindCreateTable(query string) (*meta.Table, error) {
	raws, err := parse(query)
	if err != nil {
		return nil, err
	}
	if len(raws) != 1 || raws[0].node.GetCreateStmt() == nil {
		return nil, pgerror.New(pgerror.SyntaxError, "expected one CREATE TABLE statement")
	}
	b := newBinder(planner.MapCatalog{}, query, nil, staticVars{}, time.Unix(0, 0))
	st, err := b.bindCreateTable(raws[0].node.GetCreateStmt(), 1)
	if err != nil {
		return nil, err
	}
	t := st.cmds[0].CreateTable.Table
	return &t, nil
}

// PlannerTable converts a catalog table for planning.
func PlannerTable(t *meta.Table) *planner.Table { return plannerTable(t) }

// staticVars serves the default session variables to binding outside a
// session.
type staticVars struct{}

func (staticVars) getVar(name string) (string, error) {
	d, err := lookupVar(name)
	if err != nil {
		return "", err
	}
	return d.def, nil
}
func (staticVars) setVar(string, string) error {
	return pgerror.New(pgerror.FeatureNotSupported, "set_config outside a session")
}
func (staticVars) database() string { return "postgres" }
func (staticVars) user() string     { return "postgres" }
func (staticVars) statement(name string) (*Prepared, error) {
	return nil, unknownStatement(name)
}
func (staticVars) cursorColumns(name string) ([]Column, error) {
	return nil, unknownCursor(name)
}
