package sql

import (
	pg_query "github.com/pganalyze/pg_query_go/v5"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/planner"
)

func (b *binder) bindInsert(s *pg_query.InsertStmt) (*insertStmt, error) {
	switch {
	case len(s.ReturningList) > 0:
		return nil, pgerror.New(pgerror.FeatureNotSupported, "RETURNING is not supported yet")
	case s.OnConflictClause != nil:
		return nil, pgerror.New(pgerror.FeatureNotSupported, "ON CONFLICT is not supported yet")
	case s.WithClause != nil:
		return nil, pgerror.New(pgerror.FeatureNotSupported, "WITH (common table expressions) is not supported")
	}
	t, err := b.resolveTable(s.Relation)
	if err != nil {
		return nil, err
	}
	targets, err := b.insertTargets(t, s.Cols)
	if err != nil {
		return nil, err
	}
	sel := s.SelectStmt.GetSelectStmt()
	if sel == nil {
		return b.defaultValues(t)
	}
	if len(sel.ValuesLists) == 0 {
		return nil, pgerror.New(pgerror.FeatureNotSupported, "INSERT ... SELECT is not supported yet")
	}
	out := &insertStmt{table: t, rows: make([][]*execpb.Expr, 0, len(sel.ValuesLists))}
	width := len(sel.ValuesLists[0].GetList().Items)
	for _, vl := range sel.ValuesLists {
		items := vl.GetList().Items
		if len(items) != width {
			return nil, b.errAt(pgerror.New(pgerror.SyntaxError, "VALUES lists must all be the same length"), exprLoc(items[0]))
		}
		if len(items) < len(targets) && len(s.Cols) > 0 {
			err := pgerror.New(pgerror.SyntaxError, "INSERT has more target columns than expressions")
			return nil, b.errAt(err, s.Cols[len(items)].GetResTarget().Location)
		}
		if vals, ok := b.literalRow(t, targets, items); ok {
			out.rows, out.consts = append(out.rows, nil), append(out.consts, vals)
			continue
		}
		row, err := b.bindInsertRow(t, targets, items)
		if err != nil {
			return nil, err
		}
		out.rows = append(out.rows, row)
		out.consts = append(out.consts, constRow(row))
	}
	return out, nil
}

// insertTargets resolves the column list (all visible columns when
// absent) to positions.
func (b *binder) insertTargets(t *planner.Table, cols []*pg_query.Node) ([]int, error) {
	var out []int
	if len(cols) == 0 {
		for i, c := range t.Columns {
			if !c.Hidden {
				out = append(out, i)
			}
		}
		return out, nil
	}
	seen := map[int]bool{}
	for _, n := range cols {
		rt := n.GetResTarget()
		i := t.ColumnIndex(rt.Name)
		if i < 0 || t.Columns[i].Hidden {
			return nil, b.errAt(pgerror.Newf(pgerror.UndefinedColumn, "column \"%s\" of relation \"%s\" does not exist", rt.Name, t.Name), rt.Location)
		}
		if seen[i] {
			return nil, b.errAt(pgerror.Newf(pgerror.DuplicateColumn, "column \"%s\" specified more than once", rt.Name), rt.Location)
		}
		seen[i] = true
		out = append(out, i)
	}
	return out, nil
}

func (b *binder) defaultValues(t *planner.Table) (*insertStmt, error) {
	row := make([]*execpb.Expr, len(t.Columns))
	for i := range t.Columns {
		row[i] = defaultExpr(t, i)
	}
	return &insertStmt{table: t, rows: [][]*execpb.Expr{row}}, nil
}

// defaultExpr is column i's DEFAULT (NULL if none; nil for the rowid,
// which execution generates).
func defaultExpr(t *planner.Table, i int) *execpb.Expr {
	c := t.Columns[i]
	if c.Hidden {
		return nil
	}
	if !c.HasDefault || c.DefaultNull {
		return planner.MakeNull(c.Type)
	}
	return planner.MakeConst(c.Type, c.Default)
}

func (b *binder) bindInsertRow(t *planner.Table, targets []int, items []*pg_query.Node) ([]*execpb.Expr, error) {
	if len(items) > len(targets) {
		return nil, b.errAt(pgerror.New(pgerror.SyntaxError, "INSERT has more expressions than target columns"), exprLoc(items[len(targets)]))
	}
	row := make([]*execpb.Expr, len(t.Columns))
	for j, item := range items {
		if item.GetSetToDefault() != nil {
			row[targets[j]] = defaultExpr(t, targets[j])
			continue
		}
		e, err := b.bindClause(item, &scope{}, "VALUES", nil)
		if err != nil {
			return nil, err
		}
		if row[targets[j]], err = b.assign(e, t, targets[j], exprLoc(item)); err != nil {
			return nil, err
		}
	}
	for i := range t.Columns {
		if row[i] == nil {
			row[i] = defaultExpr(t, i)
		}
	}
	return row, nil
}

// assign converts a value for storage in column col (an assignment cast):
// 42804 when PostgreSQL has no assignment cast from its type.
func (b *binder) assign(e *execpb.Expr, t *planner.Table, col int, loc int32) (*execpb.Expr, error) {
	c := t.Columns[col]
	if !assignable(e.Type, c.Type) {
		err := pgerror.Newf(pgerror.DatatypeMismatch, "column \"%s\" is of type %s but expression is of type %s", c.Name, c.Type, e.Type)
		return nil, b.errAt(pgerror.WithHint(err, "You will need to rewrite or cast the expression."), loc)
	}
	to := c.Type
	if to.Family == types.VarcharFamily && to.Width > 0 && !isUnknown(e) {
		// An explicit cast would truncate; the length is checked when
		// the row is encoded (22001), as PostgreSQL's assignment does.
		to = types.VarcharType
	}
	out, err := b.coerce(e, to, loc)
	if pgerror.CodeOf(err) == pgerror.StringDataRightTruncation {
		// PostgreSQL checks the length when the row is stored: no position.
		e := pgerror.Flatten(err)
		e.Position = 0
		return nil, e
	}
	return out, err
}

// constRow evaluates a row whose expressions fold to constants, once at
// bind time; it returns nil when a value needs the row's execution (a
// parameter, or an error that must be raised when the statement runs).
func constRow(row []*execpb.Expr) []types.Datum {
	vals := make([]types.Datum, len(row))
	for i, e := range row {
		if e == nil {
			continue
		}
		if e.Kind != execpb.ExprConst {
			f, err := planner.FoldExpr(e)
			if err != nil || f.Kind != execpb.ExprConst {
				return nil
			}
			e = f
		}
		if e.Null {
			continue
		}
		d, err := types.ParseText(e.Type, e.Text)
		if err != nil {
			return nil
		}
		vals[i] = d
	}
	return vals
}
