package sql

import (
	"reflect"
	"strings"
	"testing"

	"github.com/quiverdb/quiver/internal/types"
)

// scalarCases are single-row queries with PostgreSQL 15's output (psql
// unaligned: NULL is empty, columns joined by |).
var scalarCases = []struct{ q, want string }{
	{"select round(5), pg_typeof(round(5))",
		"5|double precision"},
	{"select round(2.5), round(-2.5), round(2.45, 1), round(1234.5, -2)",
		"3|-3|2.5|1200"},
	{"select round(2.5::float8), round(3.5::float8), pg_typeof(round(2.5::float4))",
		"2|4|double precision"},
	{"select trunc(2.7), trunc(-2.7::float8), trunc(2.789, 2), pg_typeof(trunc(5))",
		"2|-2|2.78|double precision"},
	{"select floor(-2.5), floor(2.5::float8), ceil(2.1), ceiling(-2.1::float4), pg_typeof(floor(5::int8))",
		"-3|2|3|-2|double precision"},
	{"select sqrt(16), sqrt(2.0), pg_typeof(sqrt(16))",
		"4|1.414213562373095|double precision"},
	{"select power(2, 10), power(2.0, 3), pow(2, 0.5), pg_typeof(power(2.0, 3))",
		"1024|8.0000000000000000|1.4142135623730950|numeric"},
	{"select mod(7, 3), mod(-7::int2, 3), mod(7.5, 2), pg_typeof(mod(5::int8, 2))",
		"1|-1|1.5|bigint"},
	{"select sign(-5), sign(0.0), sign(3.2::float4), pg_typeof(sign(5.0))",
		"-1|0|1|numeric"},
	{"select abs(-5::int2), abs(-2.5), abs(-1.5::float4), pg_typeof(abs(-5::int2))",
		"5|2.5|1.5|smallint"},
	{"select concat('a', 1, null, 2.5, true), pg_typeof(concat(1))",
		"a12.5t|text"},
	{"select left('hello', 2), right('hello', 2), left('hello', -2), right('hello', -1)",
		"he|lo|hel|ello"},
	{"select strpos('hello', 'll'), position('lo' in 'hello'), strpos('a', 'z')",
		"3|4|0"},
	{"select substr('hello', 2), substr('hello', 2, 3), substring('hello' from 2 for 2), substring('hello', 0, 2)",
		"ello|ell|el|h"},
	{"select replace('hello', 'l', 'L'), lower('ÀB'), upper('àb'), length('héllo'), char_length('ab'), character_length('abc')",
		"heLLo|àb|ÀB|5|2|3"},
	{"select btrim('  x  '), ltrim('xxaxx', 'x'), rtrim('xxaxx', 'x'), trim(both 'x' from 'xxaxx'), trim(leading from '  a '), trim(trailing 'a' from 'aba')",
		"x|axx|xxa|a|a |ab"},
	{"select greatest(1, 2.5, 3), least(1, 2.5, null), greatest('b', 'a'), pg_typeof(greatest(1::int2, 2))",
		"3|1|b|integer"},
	{"select greatest(null, null), pg_typeof(least(1::float4, 2::int8))",
		"|real"},
	{"select coalesce(null, 1, 2), coalesce(1::float4, 2.5), pg_typeof(coalesce(1::float4, 2.5)), pg_typeof(coalesce(null, null))",
		"1|1|real|text"},
	{"select nullif(1, 1), nullif(1, 2.5), pg_typeof(nullif(1, 2.5)), nullif('a', 'b')",
		"|1|numeric|a"},
	{"select case when false then 1 when true then 2.5 end, pg_typeof(case when true then 1 else 2::int8 end)",
		"2.5|bigint"},
	{"select case 2 when 1 then 'one' when 2 then 'two' else 'many' end",
		"two"},
	{"select 1 is distinct from 2, 1 is distinct from null, null is distinct from null, 1 is not distinct from 1, null is not distinct from null, null is not distinct from 1",
		"t|t|f|t|t|f"},
	{"select 1::text, '5'::int8 + 1, cast('2.50' as numeric(5,1)), '1'::float4, 'true'::bool, cast(1 as boolean), 2.7::int, '2024-01-02'::date, '2024-01-02 03:04:05'::timestamp",
		"1|6|2.5|1|t|t|3|2024-01-02|2024-01-02 03:04:05"},
	{"select cast('a' as varchar(3)), 'abc'::character varying, 'abcd'::varchar(2), 3::smallint, 4::real, 5::double precision, 6::decimal(4,1), 7::bigint, 8::integer",
		"a|abc|ab|3|4|5|6.0|7|8"},
	{"select pg_typeof(1), pg_typeof('a'), pg_typeof(1.5), pg_typeof(1::int8), pg_typeof('x'::varchar(5)), pg_typeof(now()), pg_typeof(current_date)",
		"integer|unknown|numeric|bigint|character varying|timestamp with time zone|date"},
	{"select round(12.345, 2), round(-0.5), trunc(-0.5), round(5::numeric, 2)",
		"12.35|-1|0|5.00"},
}

func TestScalarFunctionsMatchPostgres(t *testing.T) {
	s := newTestSession(t)
	for _, c := range scalarCases {
		w, e := run(s, c.q)
		if e != "" {
			t.Errorf("%s: %s", c.q, e)
			continue
		}
		got := strings.Join(w.out, "\n")
		parts := strings.Split(got, "|")
		for i, p := range parts {
			if p == "null" {
				parts[i] = ""
			}
		}
		if got = strings.Join(parts, "|"); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.q, got, c.want)
		}
	}
}

func TestSelectFunc(t *testing.T) {
	u := types.UnknownType
	for _, c := range []struct {
		name      string
		args      []types.T
		want      []types.T // nil: no match
		ambiguous bool
	}{
		{"round", []types.T{tI4}, []types.T{tF8}, false},
		{"round", []types.T{tNum}, []types.T{tNum}, false},
		{"round", []types.T{u}, []types.T{tF8}, false},
		{"round", []types.T{tI8, tI4}, []types.T{tNum, tI4}, false},
		{"round", []types.T{tF8, tI4}, nil, false},
		{"mod", []types.T{tI2, tI4}, []types.T{tI4, tI4}, false},
		{"mod", []types.T{tI4, tNum}, []types.T{tNum, tNum}, false},
		{"mod", []types.T{tI8, u}, []types.T{tI8, tI8}, false},
		{"mod", []types.T{u, u}, nil, true},
		{"abs", []types.T{tF4}, []types.T{tF4}, false},
		{"lower", []types.T{types.VarcharType}, []types.T{tText}, false},
		{"lower", []types.T{tI4}, nil, false},
		{"power", []types.T{tI4, tNum}, []types.T{tNum, tNum}, false},
		{"left", []types.T{u, u}, []types.T{tText, tI4}, false},
	} {
		s, amb := selectFunc(scalarFuncDefs[c.name], c.args)
		switch {
		case amb != c.ambiguous:
			t.Errorf("%s%v: ambiguous %v", c.name, c.args, amb)
		case c.want == nil && s != nil:
			t.Errorf("%s%v: got %v, want no match", c.name, c.args, s.args)
		case c.want != nil && (s == nil || !reflect.DeepEqual(s.args, c.want)):
			t.Errorf("%s%v: got %v, want %v", c.name, c.args, s, c.want)
		}
	}
}

func TestSelectCommonType(t *testing.T) {
	u, vc := types.UnknownType, types.T{Family: types.VarcharFamily, Width: 3}
	for _, c := range []struct {
		in   []types.T
		want types.T
		bad  int
	}{
		{[]types.T{u, u}, tText, -1},
		{[]types.T{u, tI4, tNum}, tNum, -1},
		{[]types.T{tF4, tNum}, tF4, -1},
		{[]types.T{tF4, tI8, tF8}, tF8, -1},
		{[]types.T{vc, vc}, vc, -1},
		{[]types.T{vc, tText}, vc, -1},
		{[]types.T{tText, vc}, tText, -1},
		{[]types.T{types.DateType, types.TimestampType}, types.TimestampType, -1},
		{[]types.T{tI4, u, types.BoolType}, tI4, 2},
	} {
		got, bad, ok := selectCommonType(c.in)
		if ok != (c.bad < 0) || bad != c.bad || ok && got != c.want {
			t.Errorf("%v: got %v bad %d ok %v, want %v bad %d", c.in, got, bad, ok, c.want, c.bad)
		}
	}
}

func TestDistinctFromAndDependentGroups(t *testing.T) {
	s := newTestSession(t)
	mustRun(t, s, "CREATE TABLE t (k INT PRIMARY KEY, a INT, v TEXT)")
	mustRun(t, s, "INSERT INTO t VALUES (1, 1, 'x'), (2, NULL, 'y'), (3, 3, 'x'), (4, NULL, NULL)")
	for _, c := range []struct{ q, want string }{
		{"SELECT k FROM t WHERE a IS DISTINCT FROM 1 ORDER BY k", "2,3,4"},
		{"SELECT k FROM t WHERE a IS NOT DISTINCT FROM NULL ORDER BY k", "2,4"},
		{"SELECT k FROM t WHERE a IS NOT DISTINCT FROM k ORDER BY k", "1,3"},
		{"SELECT k, v, count(*) FROM t GROUP BY k ORDER BY v, k", "1|x|1,3|x|1,2|y|1,4|null|1"},
		{"SELECT k FROM t GROUP BY k HAVING v = 'x' ORDER BY k", "1,3"},
		{"SELECT greatest(k, a), least(a, 2) FROM t ORDER BY k", "1|1,2|2,3|2,4|2"},
	} {
		w := mustRun(t, s, c.q)
		if got := strings.Join(w.out, ","); got != c.want {
			t.Errorf("%s: got %s want %s", c.q, got, c.want)
		}
	}
	if _, e := run(s, "SELECT a, count(*) FROM t GROUP BY v"); e == "" {
		t.Error("grouping by a non-key column must not expose other columns")
	}
}
