package sql

import (
	pg_query "github.com/pganalyze/pg_query_go/v5"
	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/planner"
)

// literalRow computes the values of a VALUES row made only of literals
// (numbers, strings, booleans, NULL, DEFAULT) straight into the column
// types: the common bulk-load case, without building expressions. It
// returns false for anything else, and for any value that fails to
// convert, so that the general path binds the row and reports the error
// exactly as it does.
func (b *binder) literalRow(t *planner.Table, targets []int, items []*pg_query.Node) ([]types.Datum, bool) {
	if len(items) > len(targets) || (b.loc != nil && hasTimestampTZ(t)) {
		// A zone-less timestamptz literal reads the session zone: the
		// general path does.
		return nil, false
	}
	vals := make([]types.Datum, len(t.Columns))
	for j, item := range items {
		col := targets[j]
		var ok bool
		if item.GetSetToDefault() != nil {
			vals[col], ok = defaultValue(t, col)
		} else {
			vals[col], ok = literalValue(item.GetAConst(), t.Columns[col].Type)
		}
		if !ok {
			return nil, false
		}
	}
	if len(items) < len(t.Columns) {
		targeted := make([]bool, len(t.Columns))
		for _, c := range targets[:len(items)] {
			targeted[c] = true
		}
		for i := range t.Columns {
			if targeted[i] {
				continue
			}
			var ok bool
			if vals[i], ok = defaultValue(t, i); !ok {
				return nil, false
			}
		}
	}
	return vals, true
}

// defaultValue is column i's DEFAULT as a value (nil for none, NULL and
// the rowid).
func defaultValue(t *planner.Table, i int) (types.Datum, bool) {
	c := t.Columns[i]
	if c.Hidden || !c.HasDefault || c.DefaultNull {
		return nil, true
	}
	d, err := types.ParseText(c.Type, c.Default)
	return d, err == nil
}

func hasTimestampTZ(t *planner.Table) bool {
	for _, c := range t.Columns {
		if c.Type.Family == types.TimestampTZFamily {
			return true
		}
	}
	return false
}

// literalValue converts one literal to column type to as an INSERT's
// assignment does.
func literalValue(c *pg_query.A_Const, to types.T) (types.Datum, bool) {
	if c == nil {
		return nil, false
	}
	if c.Isnull {
		return nil, true
	}
	if to.Family == types.VarcharFamily && to.Width > 0 {
		// Length checks have their own error path (22001).
		return nil, false
	}
	var from types.T
	var d types.Datum
	switch {
	case c.GetSval() != nil:
		d, err := types.ParseText(to, c.GetSval().Sval)
		return d, err == nil
	case c.GetIval() != nil:
		from, d = types.Int4Type, int64(c.GetIval().Ival)
	case c.GetFval() != nil:
		s := c.GetFval().Fval
		from = types.NumericType
		if isIntegerLiteral(s) && len(s) < 20 {
			from = types.Int8Type
		}
		var err error
		if d, err = types.ParseText(from, s); err != nil {
			return nil, false
		}
	case c.GetBoolval() != nil:
		from, d = types.BoolType, c.GetBoolval().Boolval
	default:
		return nil, false
	}
	if from == to {
		return d, true
	}
	if !assignable(from, to) {
		return nil, false
	}
	v, err := types.Cast(d, from, to)
	return v, err == nil
}
