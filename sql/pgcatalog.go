package sql

import (
	"strconv"

	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/meta"
	"github.com/quiverdb/quiver/planner"
)

// The system catalogs (pg_catalog.pg_type, information_schema.tables, ...)
// are virtual tables: binding one generates its rows on the gateway from
// the catalog snapshot and the session, and the query reads them as a
// Values leaf. Nothing is stored and no shard is involved.
//
// Quiver's types have no oid, name, "char" or regproc: columns of those
// types use the type with identical text output (oid → bigint; name,
// "char" and regproc → text).
var (
	oidT     = types.Int8Type
	nameT    = types.TextType
	charT    = types.TextType
	regprocT = types.TextType
	boolT    = types.BoolType
	int2T    = types.Int2Type
	int4T    = types.Int4Type
	textT    = types.TextType
)

// Well-known OIDs of PostgreSQL 15's bootstrap catalog.
const (
	oidPgCatalog         = 11
	oidPgToast           = 99
	oidPublic            = 2200
	oidInformationSchema = 13207
	oidSuperuser         = 10   // the postgres role
	oidDatabaseOwner     = 6171 // pg_database_owner, owner of public
	oidHeapAM            = 2
	oidDefaultCollation  = 100
)

// vtColumn is one column of a virtual table.
type vtColumn struct {
	name string
	typ  types.T
}

// virtualTable is one system catalog table or view.
type virtualTable struct {
	schema string
	name   string
	oid    uint32
	kind   string // pg_class.relkind: "r" table, "v" view
	cols   []vtColumn
	// rows generates the rows; each cell is nil (NULL), a string, an int,
	// an int64, a float64 or a bool, matching the column's type.
	rows func(env *catalogEnv) [][]any
}

// catalogEnv is what virtual tables are generated from.
type catalogEnv struct {
	state  *meta.State // nil: no user tables
	db     uint32
	dbName string
	vars   varReader
}

// virtualTables are the system catalogs, in pg_class order.
var virtualTables []*virtualTable

func init() {
	virtualTables = []*virtualTable{
		pgTypeTable(), pgAttributeTable(), pgClassTable(), pgDatabaseTable(),
		pgNamespaceTable(), pgExtensionTable(), pgSettingsView(),
		infoSchemaColumnsView(), infoSchemaTablesView(),
	}
}

// cols builds a column list from alternating names and types.
func cols(pairs ...any) []vtColumn {
	out := make([]vtColumn, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, vtColumn{name: pairs[i].(string), typ: pairs[i+1].(types.T)})
	}
	return out
}

// lookupVirtual returns the system catalog schema.name, or nil. An empty
// schema searches pg_catalog only: information_schema is not on the
// search path. quiver_internal's tables are found too (internal_tables.go).
func lookupVirtual(schema, name string) *virtualTable {
	if vt := lookupInternal(schema, name); vt != nil {
		return vt
	}
	if schema == "" {
		schema = "pg_catalog"
	}
	for _, vt := range virtualTables {
		if vt.schema == schema && vt.name == name {
			return vt
		}
	}
	return nil
}

// isSystemSchema reports whether schema holds only virtual tables.
func isSystemSchema(schema string) bool {
	return schema == "pg_catalog" || schema == "information_schema"
}

// catalogEnv returns the environment to generate virtual tables in.
func (b *binder) catalogEnv() *catalogEnv {
	env := &catalogEnv{vars: b.vars, dbName: b.vars.database()}
	if cv, ok := b.cat.(*catalogView); ok {
		env.state, env.db = cv.state, cv.db
	}
	return env
}

// plannerTable describes vt's columns for binding. Its ID is the
// relation's OID, as in PostgreSQL.
func (vt *virtualTable) plannerTable() *planner.Table {
	t := &planner.Table{ID: vt.oid, Name: vt.name}
	for i, c := range vt.cols {
		t.Columns = append(t.Columns, planner.Column{ID: uint32(i + 1), Name: c.name, Type: c.typ})
	}
	return t
}

// values generates vt's rows as a Values plan leaf.
func (vt *virtualTable) values(env *catalogEnv) (*planner.Values, error) {
	v := &planner.Values{Rows: [][]*execpb.Expr{}}
	for _, c := range vt.cols {
		v.ColTypes = append(v.ColTypes, c.typ)
		v.ColNames = append(v.ColNames, c.name)
	}
	for _, row := range vt.rows(env) {
		if len(row) != len(vt.cols) {
			return nil, pgerror.AssertionFailedf("%s.%s: row of %d cells for %d columns", vt.schema, vt.name, len(row), len(vt.cols))
		}
		exprs := make([]*execpb.Expr, len(row))
		for i, cell := range row {
			e, err := cellExpr(vt.cols[i].typ, cell)
			if err != nil {
				return nil, err
			}
			exprs[i] = e
		}
		v.Rows = append(v.Rows, exprs)
	}
	return v, nil
}

// cellExpr is the constant of type t holding cell.
func cellExpr(t types.T, cell any) (*execpb.Expr, error) {
	switch v := cell.(type) {
	case nil:
		return planner.MakeNull(t), nil
	case string:
		return planner.MakeConst(t, v), nil
	case int:
		return planner.MakeConst(t, strconv.Itoa(v)), nil
	case int64:
		return planner.MakeConst(t, strconv.FormatInt(v, 10)), nil
	case uint32:
		return planner.MakeConst(t, strconv.FormatUint(uint64(v), 10)), nil
	case int16:
		return planner.MakeConst(t, strconv.Itoa(int(v))), nil
	case int32:
		return planner.MakeConst(t, strconv.Itoa(int(v))), nil
	case float64:
		return planner.MakeConst(t, strconv.FormatFloat(v, 'g', -1, 64)), nil
	case bool:
		return planner.MakeConst(t, strconv.FormatBool(v)), nil
	}
	return nil, pgerror.AssertionFailedf("virtual table cell of type %T", cell)
}

// userTables returns the session database's tables.
func (env *catalogEnv) userTables() []*meta.Table {
	if env.state == nil {
		return nil
	}
	var out []*meta.Table
	for _, t := range env.state.Tables {
		if t.Database == env.db {
			out = append(out, t)
		}
	}
	return out
}

// visibleColumns returns t's columns without the hidden rowid.
func visibleColumns(t *meta.Table) []meta.Column {
	out := make([]meta.Column, 0, len(t.Columns))
	for _, c := range t.Columns {
		if !c.Hidden {
			out = append(out, c)
		}
	}
	return out
}
