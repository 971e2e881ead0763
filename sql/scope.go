package sql

import (
	pg_query "github.com/pganalyze/pg_query_go/v5"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/planner"
)

// scope is what column references resolve against: one table (its
// columns are the input columns, in table order) or nothing.
type scope struct {
	table *planner.Table
	// name qualifies the columns: the alias, or the table's name.
	name string
	// rows, set for a system catalog, are the table's generated rows.
	rows *planner.Values
}

// colRef remembers where a bound column reference came from, for 42803.
type colRef struct {
	qualified string
	loc       int32
}

// bindColumnRef resolves a ColumnRef to an input column.
func (b *binder) bindColumnRef(cr *pg_query.ColumnRef, sc *scope) (*execpb.Expr, error) {
	names, star := columnRefNames(cr)
	if star {
		return nil, b.errAt(pgerror.New(pgerror.FeatureNotSupported, "* is not allowed here"), cr.Location)
	}
	var qual, col string
	switch len(names) {
	case 1:
		col = names[0]
	case 2:
		qual, col = names[0], names[1]
	default:
		if len(names) == 3 {
			qual, col = names[1], names[2]
			break
		}
		return nil, b.errAt(pgerror.Newf(pgerror.FeatureNotSupported, "improper qualified name (too many dotted names)"), cr.Location)
	}
	if qual != "" && (sc == nil || sc.table == nil || qual != sc.name) {
		return nil, b.errAt(pgerror.Newf(pgerror.UndefinedTable, "missing FROM-clause entry for table \"%s\"", qual), cr.Location)
	}
	idx := -1
	if sc != nil && sc.table != nil {
		idx = sc.table.ColumnIndex(col)
		if idx >= 0 && sc.table.Columns[idx].Hidden {
			idx = -1
		}
	}
	if idx < 0 {
		if qual != "" {
			return nil, b.errAt(pgerror.Newf(pgerror.UndefinedColumn, "column %s.%s does not exist", qual, col), cr.Location)
		}
		return nil, b.errAt(pgerror.Newf(pgerror.UndefinedColumn, "column \"%s\" does not exist", col), cr.Location)
	}
	e := planner.MakeColumn(idx, sc.table.Columns[idx].Type)
	if b.colRefs == nil {
		b.colRefs = map[*execpb.Expr]colRef{}
	}
	b.colRefs[e] = colRef{qualified: sc.name + "." + col, loc: cr.Location}
	return e, nil
}

// columnRefNames returns the dotted names of cr and whether it ends in *.
func columnRefNames(cr *pg_query.ColumnRef) ([]string, bool) {
	var names []string
	for _, f := range cr.Fields {
		if s := f.GetString_(); s != nil {
			names = append(names, s.Sval)
		} else if f.GetAStar() != nil {
			return names, true
		}
	}
	return names, false
}
