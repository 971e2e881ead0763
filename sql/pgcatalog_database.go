package sql

// oidDefaultTablespace is pg_default's OID.
const oidDefaultTablespace = 1663

func pgDatabaseTable() *virtualTable {
	return &virtualTable{
		schema: "pg_catalog", name: "pg_database", oid: 1262, kind: "r",
		cols: cols("oid", oidT, "datname", nameT, "datdba", oidT, "encoding", int4T, "datlocprovider", charT,
			"datistemplate", boolT, "datallowconn", boolT, "datconnlimit", int4T, "datfrozenxid", oidT,
			"datminmxid", oidT, "dattablespace", oidT, "datcollate", textT, "datctype", textT,
			"daticulocale", textT, "datcollversion", textT, "datacl", textT),
		rows: func(env *catalogEnv) [][]any {
			if env.state == nil {
				return [][]any{databaseRow(1, env.dbName)}
			}
			var out [][]any
			for _, d := range env.state.Databases {
				out = append(out, databaseRow(d.ID, d.Name))
			}
			return out
		},
	}
}

// databaseRow is a database's pg_database row: UTF8 (encoding 6), C
// collation, owned by postgres.
func databaseRow(oid uint32, name string) []any {
	return []any{oid, name, oidSuperuser, 6, "c",
		false, true, -1, 0,
		1, oidDefaultTablespace, "C", "C",
		nil, nil, nil}
}

// pgExtensionTable lists no extension: Grafana probes it for timescaledb.
func pgExtensionTable() *virtualTable {
	return &virtualTable{
		schema: "pg_catalog", name: "pg_extension", oid: 3079, kind: "r",
		cols: cols("oid", oidT, "extname", nameT, "extowner", oidT, "extnamespace", oidT,
			"extrelocatable", boolT, "extversion", textT, "extconfig", textT, "extcondition", textT),
		rows: func(*catalogEnv) [][]any { return nil },
	}
}
