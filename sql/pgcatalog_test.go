package sql

import (
	"strconv"
	"strings"
	"testing"

	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/meta"
)

// TestVirtualTableCells checks that every generated cell parses as its
// column's type, for every catalog, with a user table present.
func TestVirtualTableCells(t *testing.T) {
	st := &meta.State{Databases: []meta.Database{{ID: 1, Name: "postgres"}}, Tables: []*meta.Table{{
		ID: 100000, Database: 1, Name: "users",
		Columns: []meta.Column{
			{ID: 1, Name: "id", Type: types.Int8Type, NotNull: true},
			{ID: 2, Name: "name", Type: types.T{Family: types.VarcharFamily, Width: 40}, HasDefault: true, Default: "x"},
			{ID: 3, Name: "rowid", Type: types.Int8Type, Hidden: true},
		},
	}}}
	s := newTestSession(t)
	env := &catalogEnv{state: st, db: 1, dbName: "postgres", vars: s}
	for _, vt := range virtualTables {
		rows := vt.rows(env)
		for r, row := range rows {
			if len(row) != len(vt.cols) {
				t.Fatalf("%s row %d: %d cells for %d columns", vt.name, r, len(row), len(vt.cols))
			}
			for i, cell := range row {
				e, err := cellExpr(vt.cols[i].typ, cell)
				if err != nil {
					t.Fatalf("%s.%s row %d: %v", vt.name, vt.cols[i].name, r, err)
				}
				if e.Null {
					continue
				}
				if _, err := types.ParseText(vt.cols[i].typ, e.Text); err != nil {
					t.Errorf("%s.%s row %d: %q is not %s: %v", vt.name, vt.cols[i].name, r, e.Text, vt.cols[i].typ, err)
				}
			}
		}
	}
}

func TestPgTypeArraysResolve(t *testing.T) {
	for _, ti := range pgTypes {
		for _, ref := range []uint32{ti.elem, ti.array} {
			if ref == 0 {
				continue
			}
			if _, ok := pgTypeByOid(ref); !ok {
				t.Errorf("%s refers to missing type %d", ti.name, ref)
			}
		}
	}
	for f := types.BoolFamily; f <= types.TimestampTZFamily; f++ {
		if _, ok := pgTypeByOid(types.T{Family: f}.Oid()); !ok {
			t.Errorf("type %s has no pg_type row", types.T{Family: f})
		}
	}
}

func TestColumnDefault(t *testing.T) {
	for _, tc := range []struct {
		typ  types.T
		text string
		want string
	}{
		{types.Int4Type, "5", "5"},
		{types.Int4Type, "-3", "'-3'::integer"},
		{types.Int8Type, "-3000000000", "'-3000000000'::bigint"},
		{types.NumericType, "-1.5", "'-1.5'::numeric"},
		{types.Float8Type, "NaN", "'NaN'::double precision"},
		{types.BoolType, "true", "true"},
		{types.TextType, "it's", "'it''s'::text"},
		{types.T{Family: types.VarcharFamily, Width: 3}, "ab", "'ab'::character varying"},
		{types.DateType, "2020-01-01", "'2020-01-01'::date"},
	} {
		if got := columnDefault(tc.typ, tc.text); got != tc.want {
			t.Errorf("columnDefault(%s, %q) = %q, want %q", tc.typ, tc.text, got, tc.want)
		}
	}
}

func TestCatalogQueries(t *testing.T) {
	s := newTestSession(t)
	mustRun(t, s, "CREATE TABLE users (id INT8 PRIMARY KEY, name VARCHAR(40) NOT NULL, score NUMERIC(10,2))")
	for _, tc := range []struct{ query, want string }{
		{"select oid, typbasetype from pg_type where typname = 'lo'", ""},
		{"select oid, typname, typlen, typarray from pg_catalog.pg_type where typname = 'int4'", "23|int4|4|1007"},
		{"select typtype::text, typbasetype from pg_type where oid = 1043", "b|0"},
		{"select nspname from pg_namespace where oid = 2200", "public"},
		{"select relname, relnamespace, relkind, relnatts from pg_class where relname = 'users'", "users|2200|r|3"},
		{"select datname from pg_database", "postgres"},
		{"select setting from pg_catalog.pg_settings where name='max_index_keys'", "32"},
		{"select setting from pg_settings where name = 'DateStyle'", "ISO, MDY"},
		{"select extversion from pg_extension where extname = 'timescaledb'", ""},
		{"select table_name, table_type from information_schema.tables where table_schema = 'public'", "users|BASE TABLE"},
		{"select column_name, data_type, is_nullable, character_maximum_length from information_schema.columns where table_name = 'users' order by ordinal_position",
			"id|bigint|NO|null;name|character varying|NO|40;score|numeric|YES|null"},
		{"select t.typname from pg_type t where t.oid = 16", "bool"},
		{"select count(*) from pg_catalog.pg_class where relnamespace = 11", "7"},
	} {
		w := mustRun(t, s, tc.query)
		if got := strings.Join(w.out, ";"); got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.query, got, tc.want)
		}
	}
	// pg_class.oid is the table id, which pg_attribute.attrelid refers to.
	oid := mustRun(t, s, "select oid from pg_class where relname = 'users'").out[0]
	w := mustRun(t, s, "select attname, atttypid, attnum, attnotnull, atttypmod from pg_attribute where attrelid = "+oid+" and attnum > 0 order by attnum")
	if got, want := strings.Join(w.out, ";"), "id|20|1|t|-1;name|1043|2|t|44;score|1700|3|f|655366"; got != want {
		t.Errorf("pg_attribute: got %q want %q", got, want)
	}
	if got := mustRun(t, s, "select id from users").cols[0].TableOID; oid != strconv.Itoa(int(got)) && got != 0 {
		t.Errorf("RowDescription table OID %d, pg_class.oid %s", got, oid)
	}
}

func TestCatalogShadowsAndErrors(t *testing.T) {
	s := newTestSession(t)
	mustRun(t, s, "CREATE TABLE pg_type (k INT PRIMARY KEY)")
	mustRun(t, s, "CREATE TABLE tables (k INT PRIMARY KEY)")
	mustRun(t, s, "INSERT INTO public.tables VALUES (7)")
	for _, tc := range []struct{ query, want string }{
		// pg_catalog comes first on the search path.
		{"select typname from pg_type where oid = 20", "int8"},
		{"select k from public.pg_type", ""},
		// information_schema is not on it.
		{"select k from tables", "7"},
	} {
		w := mustRun(t, s, tc.query)
		if got := strings.Join(w.out, ";"); got != tc.want {
			t.Errorf("%s: got %q want %q", tc.query, got, tc.want)
		}
	}
	for _, tc := range []struct{ query, want string }{
		{"select * from pg_catalog.nosuch", "error (42P01): relation \"pg_catalog.nosuch\" does not exist"},
		{"select * from information_schema.nosuch", "error (42P01): relation \"information_schema.nosuch\" does not exist"},
		{"delete from pg_catalog.pg_class", "error (0A000): cannot modify system catalog \"pg_class\""},
		{"insert into pg_namespace values (1, 'x', 10, null)", "error (0A000): cannot modify system catalog \"pg_namespace\""},
		{"select nosuch from pg_class", "error (42703): column \"nosuch\" does not exist"},
	} {
		if _, got := run(s, tc.query); got != tc.want {
			t.Errorf("%s: got %q want %q", tc.query, got, tc.want)
		}
	}
}

func TestPgSettingsFollowsSession(t *testing.T) {
	s := newTestSession(t)
	mustRun(t, s, "SET extra_float_digits = 3")
	w := mustRun(t, s, "select setting, source from pg_settings where name = 'extra_float_digits'")
	if got := strings.Join(w.out, ";"); got != "3|session" {
		t.Fatalf("got %q", got)
	}
}

func TestQuoteIdent(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"name", "name"}, {"Abc", `"Abc"`}, {"a b", `"a b"`}, {"select", `"select"`},
		{"_x1", "_x1"}, {"_x1$", `"_x1$"`}, {"1a", `"1a"`}, {"", `""`}, {`a"b`, `"a""b"`}, {"é", `"é"`},
	} {
		if got := quoteIdent(tc.in); got != tc.want {
			t.Errorf("quoteIdent(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

// TestQuoteIdentColumn checks the compiled form against quoteIdent.
func TestQuoteIdentColumn(t *testing.T) {
	s := newTestSession(t)
	mustRun(t, s, "CREATE TABLE names (k INT PRIMARY KEY, n TEXT)")
	ins := []string{"name", "Abc", "a b", "select", "_x1", "_x1$", "1a", "", `a"b`, "é", "user_id9"}
	for i, in := range ins {
		mustRun(t, s, "INSERT INTO names VALUES ("+strconv.Itoa(i)+", '"+strings.ReplaceAll(in, "'", "''")+"')")
	}
	mustRun(t, s, "INSERT INTO names VALUES (99, NULL)")
	w := mustRun(t, s, "SELECT quote_ident(n) FROM names ORDER BY k")
	for i, in := range ins {
		if w.out[i] != quoteIdent(in) {
			t.Errorf("quote_ident(%q) = %s, want %s", in, w.out[i], quoteIdent(in))
		}
	}
	if got := w.out[len(ins)]; got != "null" {
		t.Errorf("quote_ident(NULL) = %s", got)
	}
	for q, want := range map[string]string{
		"SELECT quote_ident('Users')":                                `"Users"`,
		"SELECT quote_ident(NULL)":                                   "null",
		"SELECT quote_ident(1)":                                      "error (42883): function quote_ident(integer) does not exist",
		"SELECT quote_ident(relname) FROM pg_class WHERE oid = 1259": "pg_class",
	} {
		w, e := run(s, q)
		if e == "" {
			e = strings.Join(w.out, ";")
		}
		if e != want {
			t.Errorf("%s: got %s want %s", q, e, want)
		}
	}
}

// TestCatalogPrepared checks pgx's LoadType query (a bigint parameter for
// the oid column) and that a prepared catalog query sees later DDL.
func TestCatalogPrepared(t *testing.T) {
	s := newTestSession(t)
	ctx := t.Context()
	p, err := s.Prepare(ctx, "select typtype::text, typbasetype from pg_type where oid=$1", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.ParamTypes) != 1 || p.ParamTypes[0] != oidT {
		t.Fatalf("param types %v", p.ParamTypes)
	}
	exec := func(p *Prepared, arg types.Datum) string {
		t.Helper()
		portal, err := s.Bind(ctx, p, []types.Datum{arg})
		if err != nil {
			t.Fatal(err)
		}
		w := &textWriter{cols: portal.Columns}
		if _, _, err := s.Execute(ctx, portal, w, 0); err != nil {
			t.Fatal(err)
		}
		return strings.Join(w.out, ";")
	}
	if got := exec(p, int64(1184)); got != "b|0" {
		t.Fatalf("got %q", got)
	}
	q, err := s.Prepare(ctx, "select relname from pg_class where relname = $1", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := exec(q, "later"); got != "" {
		t.Fatalf("before CREATE: %q", got)
	}
	mustRun(t, s, "CREATE TABLE later (k INT PRIMARY KEY)")
	if got := exec(q, "later"); got != "later" {
		t.Fatalf("after CREATE: %q", got)
	}
}
