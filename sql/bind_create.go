package sql

import (
	pg_query "github.com/pganalyze/pg_query_go/v5"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/meta"
	"github.com/quiverdb/quiver/planner"
)

// rowidName names the hidden key column of a table without a primary key.
const rowidName = "rowid"

func (b *binder) bindCreateTable(s *pg_query.CreateStmt, db uint32) (*ddlStmt, error) {
	if len(s.InhRelations) > 0 || s.Partspec != nil || s.OfTypename != nil {
		return nil, pgerror.New(pgerror.FeatureNotSupported, "table inheritance, partitioning and typed tables are not supported")
	}
	t := meta.Table{Database: db, Name: s.Relation.Relname}
	pkLoc := int32(-1)
	var pk []string
	for _, n := range s.TableElts {
		var err error
		switch {
		case n.GetColumnDef() != nil:
			var colPK int32
			colPK, err = b.addColumn(&t, n.GetColumnDef())
			if err == nil && colPK >= 0 {
				if pk != nil {
					return nil, b.multiplePK(t.Name, colPK)
				}
				pk, pkLoc = []string{n.GetColumnDef().Colname}, n.GetColumnDef().Location
			}
		case n.GetConstraint() != nil:
			c := n.GetConstraint()
			if c.Contype != pg_query.ConstrType_CONSTR_PRIMARY {
				return nil, b.errAt(pgerror.New(pgerror.FeatureNotSupported, "only PRIMARY KEY table constraints are supported"), c.Location)
			}
			if pk != nil {
				return nil, b.multiplePK(t.Name, c.Location)
			}
			pk, pkLoc = stringList(c.Keys), c.Location
		default:
			err = pgerror.New(pgerror.FeatureNotSupported, "LIKE in CREATE TABLE is not supported")
		}
		if err != nil {
			return nil, err
		}
	}
	if err := b.setPrimaryKey(&t, pk, pkLoc); err != nil {
		return nil, err
	}
	return &ddlStmt{cmds: []*meta.Command{{CreateTable: &meta.CreateTable{Table: t, IfNotExists: s.IfNotExists}}}, tag: "CREATE TABLE"}, nil
}

func (b *binder) multiplePK(table string, loc int32) error {
	return b.errAt(pgerror.Newf(pgerror.InvalidTableDefinition, "multiple primary keys for table \"%s\" are not allowed", table), loc)
}

func stringList(ns []*pg_query.Node) []string {
	var out []string
	for _, n := range ns {
		if s := n.GetString_(); s != nil {
			out = append(out, s.Sval)
		}
	}
	return out
}

// addColumn appends a column definition; it returns the location of its
// PRIMARY KEY constraint, or -1 when it has none.
func (b *binder) addColumn(t *meta.Table, cd *pg_query.ColumnDef) (int32, error) {
	for _, c := range t.Columns {
		if c.Name == cd.Colname {
			// PostgreSQL reports no position for this one.
			return -1, pgerror.Newf(pgerror.DuplicateColumn, "column \"%s\" specified more than once", cd.Colname)
		}
	}
	typ, err := b.resolveTypeName(cd.TypeName)
	if err != nil {
		return -1, err
	}
	col := meta.Column{ID: uint32(len(t.Columns) + 1), Name: cd.Colname, Type: typ, NotNull: cd.IsNotNull}
	pk := int32(-1)
	for _, n := range cd.Constraints {
		c := n.GetConstraint()
		switch c.Contype {
		case pg_query.ConstrType_CONSTR_NOTNULL:
			col.NotNull = true
		case pg_query.ConstrType_CONSTR_NULL:
		case pg_query.ConstrType_CONSTR_PRIMARY:
			if pk >= 0 {
				return -1, b.multiplePK(t.Name, c.Location)
			}
			pk = c.Location
		case pg_query.ConstrType_CONSTR_DEFAULT:
			if err := b.setDefault(&col, c.RawExpr); err != nil {
				return -1, err
			}
		default:
			return -1, b.errAt(pgerror.New(pgerror.FeatureNotSupported, "only NOT NULL, NULL, DEFAULT and PRIMARY KEY column constraints are supported"), c.Location)
		}
	}
	t.Columns = append(t.Columns, col)
	return pk, nil
}

// setDefault evaluates a constant DEFAULT, cast to the column's type.
func (b *binder) setDefault(col *meta.Column, n *pg_query.Node) error {
	e, err := b.bindClause(n, &scope{}, "DEFAULT expressions", nil)
	if err != nil {
		return err
	}
	tbl := &planner.Table{Columns: []planner.Column{{Name: col.Name, Type: col.Type}}}
	if e, err = b.assign(e, tbl, 0, exprLoc(n)); err != nil {
		return err
	}
	if e, err = planner.FoldExpr(e); err != nil {
		return b.errAt(err, exprLoc(n))
	}
	if e.Kind != execpb.ExprConst {
		return b.errAt(pgerror.New(pgerror.FeatureNotSupported, "only constant DEFAULT expressions are supported"), exprLoc(n))
	}
	col.HasDefault, col.Default, col.DefaultNull = true, e.Text, e.Null
	return nil
}

// setPrimaryKey marks the key columns NOT NULL, or adds the hidden rowid.
func (b *binder) setPrimaryKey(t *meta.Table, pk []string, loc int32) error {
	if pk == nil {
		t.Columns = append(t.Columns, meta.Column{ID: uint32(len(t.Columns) + 1), Name: rowidName, Type: types.Int8Type, NotNull: true, Hidden: true})
		t.PrimaryKey = []int{len(t.Columns) - 1}
		return nil
	}
	for _, name := range pk {
		i := -1
		for j, c := range t.Columns {
			if c.Name == name {
				i = j
			}
		}
		if i < 0 {
			return b.errAt(pgerror.Newf(pgerror.UndefinedColumn, "column \"%s\" named in key does not exist", name), loc)
		}
		for _, k := range t.PrimaryKey {
			if k == i {
				return b.errAt(pgerror.Newf(pgerror.DuplicateColumn, "column \"%s\" appears twice in primary key constraint", name), loc)
			}
		}
		t.Columns[i].NotNull = true
		t.PrimaryKey = append(t.PrimaryKey, i)
	}
	return nil
}

func (b *binder) bindDrop(s *pg_query.DropStmt, db uint32) (*ddlStmt, error) {
	if s.RemoveType != pg_query.ObjectType_OBJECT_TABLE {
		return nil, pgerror.New(pgerror.FeatureNotSupported, "only DROP TABLE and DROP DATABASE are supported")
	}
	out := &ddlStmt{tag: "DROP TABLE"}
	for _, o := range s.Objects {
		names := stringList(o.GetList().GetItems())
		name := names[len(names)-1]
		out.cmds = append(out.cmds, &meta.Command{DropTable: &meta.DropTable{Database: db, Name: name, IfExists: s.MissingOk}})
	}
	return out, nil
}
