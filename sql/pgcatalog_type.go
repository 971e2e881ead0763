package sql

import "github.com/quiverdb/quiver/internal/types"

// pgTypeInfo is one pg_type row: a type Quiver supports, its array type,
// or unknown, with PostgreSQL 15's values.
type pgTypeInfo struct {
	oid       uint32
	name      string
	len       int
	byVal     bool
	typtype   string
	category  string
	preferred bool
	subscript string
	elem      uint32
	array     uint32
	input     string
	output    string
	receive   string
	send      string
	modIn     string
	modOut    string
	analyze   string
	align     string
	storage   string
	collation uint32
}

// scalarType fills the fields every base scalar type shares.
func scalarType(oid uint32, name string, length int, byVal bool, category string, preferred bool, array uint32, in, out, align, storage string) pgTypeInfo {
	return pgTypeInfo{oid: oid, name: name, len: length, byVal: byVal, typtype: "b", category: category,
		preferred: preferred, subscript: "-", array: array, input: in, output: out,
		receive: name + "recv", send: name + "send", modIn: "-", modOut: "-", analyze: "-", align: align, storage: storage}
}

// arrayType is the pg_type row of the array of elem.
func arrayType(oid uint32, name string, elem uint32, align string) pgTypeInfo {
	return pgTypeInfo{oid: oid, name: name, len: -1, typtype: "b", category: "A", subscript: "array_subscript_handler",
		elem: elem, input: "array_in", output: "array_out", receive: "array_recv", send: "array_send",
		modIn: "-", modOut: "-", analyze: "array_typanalyze", align: align, storage: "x"}
}

// withMod sets a type's typmod functions.
func (t pgTypeInfo) withMod(prefix string) pgTypeInfo {
	t.modIn, t.modOut = prefix+"typmodin", prefix+"typmodout"
	return t
}

// withIO sets receive and send functions named differently from the type.
func (t pgTypeInfo) withIO(recv, send string) pgTypeInfo {
	t.receive, t.send = recv, send
	return t
}

func (t pgTypeInfo) withCollation(c uint32) pgTypeInfo { t.collation = c; return t }

// pgTypes are the rows of pg_type, by OID.
var pgTypes = []pgTypeInfo{
	scalarType(16, "bool", 1, true, "B", true, 1000, "boolin", "boolout", "c", "p"),
	scalarType(20, "int8", 8, true, "N", false, 1016, "int8in", "int8out", "d", "p"),
	scalarType(21, "int2", 2, true, "N", false, 1005, "int2in", "int2out", "s", "p"),
	scalarType(23, "int4", 4, true, "N", false, 1007, "int4in", "int4out", "i", "p"),
	scalarType(25, "text", -1, false, "S", true, 1009, "textin", "textout", "i", "x").withCollation(oidDefaultCollation),
	scalarType(700, "float4", 4, true, "N", false, 1021, "float4in", "float4out", "i", "p"),
	scalarType(701, "float8", 8, true, "N", true, 1022, "float8in", "float8out", "d", "p"),
	{oid: 705, name: "unknown", len: -2, typtype: "p", category: "X", subscript: "-", input: "unknownin",
		output: "unknownout", receive: "unknownrecv", send: "unknownsend", modIn: "-", modOut: "-", analyze: "-",
		align: "c", storage: "p"},
	arrayType(1000, "_bool", 16, "i"),
	arrayType(1005, "_int2", 21, "i"),
	arrayType(1007, "_int4", 23, "i"),
	arrayType(1009, "_text", 25, "i").withCollation(oidDefaultCollation),
	arrayType(1015, "_varchar", 1043, "i").withMod("varchar").withCollation(oidDefaultCollation),
	arrayType(1016, "_int8", 20, "d"),
	arrayType(1021, "_float4", 700, "i"),
	arrayType(1022, "_float8", 701, "d"),
	scalarType(1043, "varchar", -1, false, "S", false, 1015, "varcharin", "varcharout", "i", "x").
		withMod("varchar").withCollation(oidDefaultCollation),
	scalarType(1082, "date", 4, true, "D", false, 1182, "date_in", "date_out", "i", "p").withIO("date_recv", "date_send"),
	scalarType(1114, "timestamp", 8, true, "D", false, 1115, "timestamp_in", "timestamp_out", "d", "p").
		withIO("timestamp_recv", "timestamp_send").withMod("timestamp"),
	arrayType(1115, "_timestamp", 1114, "d").withMod("timestamp"),
	arrayType(1182, "_date", 1082, "i"),
	scalarType(1184, "timestamptz", 8, true, "D", true, 1185, "timestamptz_in", "timestamptz_out", "d", "p").
		withIO("timestamptz_recv", "timestamptz_send").withMod("timestamptz"),
	arrayType(1185, "_timestamptz", 1184, "d").withMod("timestamptz"),
	arrayType(1231, "_numeric", 1700, "i").withMod("numeric"),
	scalarType(1700, "numeric", -1, false, "N", false, 1231, "numeric_in", "numeric_out", "i", "m").
		withIO("numeric_recv", "numeric_send").withMod("numeric"),
}

// pgTypeByOid returns the pg_type row of oid.
func pgTypeByOid(oid uint32) (pgTypeInfo, bool) {
	for _, t := range pgTypes {
		if t.oid == oid {
			return t, true
		}
	}
	return pgTypeInfo{}, false
}

// pgTypeOf returns the pg_type row of a column type.
func pgTypeOf(t types.T) pgTypeInfo {
	info, _ := pgTypeByOid(t.Oid())
	return info
}

func pgTypeTable() *virtualTable {
	return &virtualTable{
		schema: "pg_catalog", name: "pg_type", oid: 1247, kind: "r",
		cols: cols("oid", oidT, "typname", nameT, "typnamespace", oidT, "typowner", oidT, "typlen", int2T,
			"typbyval", boolT, "typtype", charT, "typcategory", charT, "typispreferred", boolT,
			"typisdefined", boolT, "typdelim", charT, "typrelid", oidT, "typsubscript", regprocT,
			"typelem", oidT, "typarray", oidT, "typinput", regprocT, "typoutput", regprocT,
			"typreceive", regprocT, "typsend", regprocT, "typmodin", regprocT, "typmodout", regprocT,
			"typanalyze", regprocT, "typalign", charT, "typstorage", charT, "typnotnull", boolT,
			"typbasetype", oidT, "typtypmod", int4T, "typndims", int4T, "typcollation", oidT,
			"typdefaultbin", textT, "typdefault", textT, "typacl", textT),
		rows: func(*catalogEnv) [][]any {
			out := make([][]any, 0, len(pgTypes))
			for _, t := range pgTypes {
				out = append(out, t.row())
			}
			return out
		},
	}
}

func (t pgTypeInfo) row() []any {
	return []any{t.oid, t.name, oidPgCatalog, oidSuperuser, t.len,
		t.byVal, t.typtype, t.category, t.preferred,
		true, ",", 0, t.subscript,
		t.elem, t.array, t.input, t.output,
		t.receive, t.send, t.modIn, t.modOut,
		t.analyze, t.align, t.storage, false,
		0, -1, 0, t.collation,
		nil, nil, nil}
}
