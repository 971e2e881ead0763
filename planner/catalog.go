package planner

import "github.com/quiverdb/quiver/internal/types"

// Catalog is how planning reads the schema.
type Catalog interface {
	// Table returns the table named name, or nil when there is none.
	Table(name string) *Table
}

// Column is one stored column of a table.
type Column struct {
	ID      uint32
	Name    string
	Type    types.T
	NotNull bool
	// Hidden marks the rowid of a table without a primary key.
	Hidden bool
	// HasDefault, Default and DefaultNull describe the constant DEFAULT
	// (in Type's text format).
	HasDefault  bool
	Default     string
	DefaultNull bool
}

// Table describes a stored table.
type Table struct {
	ID      uint32
	Name    string
	Columns []Column
	// Key lists positions in Columns of the primary key, in key order.
	Key []int
}

// ColumnIndex returns the position of the visible or hidden column named
// name, or -1.
func (t *Table) ColumnIndex(name string) int {
	for i, c := range t.Columns {
		if c.Name == name {
			return i
		}
	}
	return -1
}

// IsKey reports whether position i is a primary key column.
func (t *Table) IsKey(i int) bool {
	for _, k := range t.Key {
		if k == i {
			return true
		}
	}
	return false
}

// MapCatalog is a Catalog over a map, for tests and tools.
type MapCatalog map[string]*Table

// Table implements Catalog.
func (m MapCatalog) Table(name string) *Table { return m[name] }
