package sql

import (
	"github.com/quiverdb/quiver/meta"
	"github.com/quiverdb/quiver/planner"
)

// catalogView is one database's view of a meta.State snapshot. It
// implements planner.Catalog.
type catalogView struct {
	state *meta.State
	db    uint32
	cache map[string]*planner.Table
}

var _ planner.Catalog = (*catalogView)(nil)

func newCatalogView(state *meta.State, db uint32) *catalogView {
	return &catalogView{state: state, db: db, cache: map[string]*planner.Table{}}
}

// Table implements planner.Catalog.
func (c *catalogView) Table(name string) *planner.Table {
	if t, ok := c.cache[name]; ok {
		return t
	}
	mt := c.state.Table(c.db, name)
	if mt == nil {
		return nil
	}
	t := plannerTable(mt)
	c.cache[name] = t
	return t
}

// plannerTable converts a catalog table for planning.
func plannerTable(mt *meta.Table) *planner.Table {
	t := &planner.Table{ID: mt.ID, Name: mt.Name, Key: mt.PrimaryKey}
	for _, c := range mt.Columns {
		t.Columns = append(t.Columns, planner.Column{
			ID: c.ID, Name: c.Name, Type: c.Type, NotNull: c.NotNull, Hidden: c.Hidden,
			HasDefault: c.HasDefault, Default: c.Default, DefaultNull: c.DefaultNull,
		})
	}
	return t
}
