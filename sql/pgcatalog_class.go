package sql

import (
	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/meta"
)

// relation is one pg_class row: a system catalog or a user table.
type relation struct {
	oid    uint32
	name   string
	schema string
	nsp    uint32
	kind   string
	hasPK  bool
	cols   []relColumn
}

// relColumn is one pg_attribute row of a relation.
type relColumn struct {
	name    string
	typ     types.T
	attnum  int
	notNull bool
	// def is the column's DEFAULT as information_schema shows it; nil
	// when it has none.
	def any
}

// relations lists the system catalogs, then the session database's
// tables (OID = table id, namespace public).
func (env *catalogEnv) relations() []relation {
	var out []relation
	for _, vt := range virtualTables {
		r := relation{oid: vt.oid, name: vt.name, schema: vt.schema, nsp: namespaceOid(vt.schema), kind: vt.kind}
		for i, c := range vt.cols {
			r.cols = append(r.cols, relColumn{name: c.name, typ: c.typ, attnum: i + 1})
		}
		out = append(out, r)
	}
	for _, t := range env.userTables() {
		out = append(out, userRelation(t))
	}
	return out
}

func userRelation(t *meta.Table) relation {
	r := relation{oid: t.ID, name: t.Name, schema: "public", nsp: oidPublic, kind: "r", hasPK: true}
	for i, c := range t.Columns {
		if c.Hidden {
			continue
		}
		rc := relColumn{name: c.Name, typ: c.Type, attnum: i + 1, notNull: c.NotNull}
		if c.HasDefault && !c.DefaultNull {
			rc.def = columnDefault(c.Type, c.Default)
		}
		r.cols = append(r.cols, rc)
	}
	return r
}

// namespaceOid is the OID of a schema Quiver has.
func namespaceOid(schema string) uint32 {
	switch schema {
	case "pg_catalog":
		return oidPgCatalog
	case "information_schema":
		return oidInformationSchema
	}
	return oidPublic
}

func pgNamespaceTable() *virtualTable {
	return &virtualTable{
		schema: "pg_catalog", name: "pg_namespace", oid: 2615, kind: "r",
		cols: cols("oid", oidT, "nspname", nameT, "nspowner", oidT, "nspacl", textT),
		rows: func(*catalogEnv) [][]any {
			return [][]any{
				{oidPgCatalog, "pg_catalog", oidSuperuser, nil},
				{oidPgToast, "pg_toast", oidSuperuser, nil},
				{oidPublic, "public", oidDatabaseOwner, nil},
				{oidInformationSchema, "information_schema", oidSuperuser, nil},
			}
		},
	}
}

func pgClassTable() *virtualTable {
	return &virtualTable{
		schema: "pg_catalog", name: "pg_class", oid: 1259, kind: "r",
		cols: cols("oid", oidT, "relname", nameT, "relnamespace", oidT, "reltype", oidT, "reloftype", oidT,
			"relowner", oidT, "relam", oidT, "relfilenode", oidT, "reltablespace", oidT, "relpages", int4T,
			"reltuples", types.Float4Type, "relallvisible", int4T, "reltoastrelid", oidT, "relhasindex", boolT,
			"relisshared", boolT, "relpersistence", charT, "relkind", charT, "relnatts", int2T,
			"relchecks", int2T, "relhasrules", boolT, "relhastriggers", boolT, "relhassubclass", boolT,
			"relrowsecurity", boolT, "relforcerowsecurity", boolT, "relispopulated", boolT,
			"relreplident", charT, "relispartition", boolT, "relrewrite", oidT, "relfrozenxid", types.Int8Type,
			"relminmxid", types.Int8Type, "relacl", textT, "reloptions", textT, "relpartbound", textT),
		rows: func(env *catalogEnv) [][]any {
			var out [][]any
			for _, r := range env.relations() {
				out = append(out, r.classRow())
			}
			return out
		},
	}
}

func (r relation) classRow() []any {
	am, filenode, replident := oidHeapAM, r.oid, "d"
	if r.kind == "v" {
		am, filenode, replident = 0, 0, "n"
	}
	return []any{r.oid, r.name, r.nsp, 0, 0,
		oidSuperuser, am, filenode, 0, 0,
		-1.0, 0, 0, r.hasPK,
		false, "p", r.kind, len(r.cols),
		0, false, false, false,
		false, false, true,
		replident, false, 0, 0,
		1, nil, nil, nil}
}

func pgAttributeTable() *virtualTable {
	return &virtualTable{
		schema: "pg_catalog", name: "pg_attribute", oid: 1249, kind: "r",
		cols: cols("attrelid", oidT, "attname", nameT, "atttypid", oidT, "attstattarget", int4T,
			"attlen", int2T, "attnum", int2T, "attndims", int4T, "attcacheoff", int4T, "atttypmod", int4T,
			"attbyval", boolT, "attalign", charT, "attstorage", charT, "attcompression", charT,
			"attnotnull", boolT, "atthasdef", boolT, "atthasmissing", boolT, "attidentity", charT,
			"attgenerated", charT, "attisdropped", boolT, "attislocal", boolT, "attinhcount", int4T,
			"attcollation", oidT, "attacl", textT, "attoptions", textT, "attfdwoptions", textT,
			"attmissingval", textT),
		rows: func(env *catalogEnv) [][]any {
			var out [][]any
			for _, r := range env.relations() {
				for _, c := range r.cols {
					out = append(out, c.attributeRow(r.oid))
				}
			}
			return out
		},
	}
}

func (c relColumn) attributeRow(rel uint32) []any {
	ti := pgTypeOf(c.typ)
	return []any{rel, c.name, ti.oid, -1,
		ti.len, c.attnum, 0, -1, c.typ.TypeMod(),
		ti.byVal, ti.align, ti.storage, "",
		c.notNull, c.def != nil, false, "",
		"", false, true, 0,
		ti.collation, nil, nil, nil,
		nil}
}
