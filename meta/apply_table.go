package meta

import (
	"github.com/quiverdb/quiver/internal/pgerror"
)

func applyCreateTable(s *State, c *CreateTable) outcome {
	if s.databaseByID(c.Table.Database) == nil {
		return failed(s, pgerror.Newf(pgerror.InvalidCatalogName, "database with OID %d does not exist", c.Table.Database))
	}
	if s.Table(c.Table.Database, c.Table.Name) != nil {
		if c.IfNotExists {
			return skipped(s, pgerror.DuplicateTable, "relation %q already exists, skipping", c.Table.Name)
		}
		return failed(s, pgerror.Newf(pgerror.DuplicateTable, "relation %q already exists", c.Table.Name))
	}
	n := s.next()
	t := cloneTable(&c.Table)
	t.ID = n.NextTableID
	n.NextTableID++
	n.Tables = append(n.Tables, t)
	return changed(n)
}

// cloneTable copies t so the state shares nothing with the proposer's
// command. Columns without an id get their 1-based position.
func cloneTable(t *Table) *Table {
	c := *t
	c.Columns = append([]Column(nil), t.Columns...)
	for i := range c.Columns {
		if c.Columns[i].ID == 0 {
			c.Columns[i].ID = uint32(i + 1)
		}
	}
	c.PrimaryKey = append([]int(nil), t.PrimaryKey...)
	return &c
}

func applyDropTable(s *State, d *DropTable) outcome {
	t := s.Table(d.Database, d.Name)
	if t == nil {
		if d.IfExists {
			return skipped(s, pgerror.SuccessfulCompletion, "table %q does not exist, skipping", d.Name)
		}
		return failed(s, pgerror.Newf(pgerror.UndefinedTable, "table %q does not exist", d.Name))
	}
	n := s.next()
	n.Tables = removeTables(n.Tables, func(x *Table) bool { return x.ID == t.ID })
	return changed(n)
}

// removeTables removes, in place, the tables drop selects.
func removeTables(tables []*Table, drop func(*Table) bool) []*Table {
	out := tables[:0]
	for _, t := range tables {
		if !drop(t) {
			out = append(out, t)
		}
	}
	return out
}
