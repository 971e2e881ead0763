package meta

import "github.com/quiverdb/quiver/internal/pgerror"

func applyCreateDatabase(s *State, c *CreateDatabase) outcome {
	if s.DatabaseByName(c.Name) != nil {
		return failed(s, pgerror.Newf(pgerror.DuplicateDatabase, "database %q already exists", c.Name))
	}
	n := s.next()
	n.Databases = append(n.Databases, Database{ID: n.NextDatabaseID, Name: c.Name})
	n.NextDatabaseID++
	return changed(n)
}

func applyDropDatabase(s *State, d *DropDatabase) outcome {
	db := s.DatabaseByName(d.Name)
	if db == nil {
		if d.IfExists {
			return skipped(s, pgerror.SuccessfulCompletion, "database %q does not exist, skipping", d.Name)
		}
		return failed(s, pgerror.Newf(pgerror.InvalidCatalogName, "database %q does not exist", d.Name))
	}
	id := db.ID
	n := s.next()
	n.Tables = removeTables(n.Tables, func(t *Table) bool { return t.Database == id })
	dbs := n.Databases[:0]
	for _, x := range n.Databases {
		if x.ID != id {
			dbs = append(dbs, x)
		}
	}
	n.Databases = dbs
	return changed(n)
}

func (s *State) databaseByID(id uint32) *Database {
	for i := range s.Databases {
		if s.Databases[i].ID == id {
			return &s.Databases[i]
		}
	}
	return nil
}
