package fastinsert

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseAccept(t *testing.T) {
	i := func(text string, pos int) Value { return Value{Kind: Integer, Text: text, Pos: pos} }
	d := func(text string, pos int) Value { return Value{Kind: Decimal, Text: text, Pos: pos} }
	str := func(text string, pos int) Value { return Value{Kind: String, Text: text, Pos: pos} }
	for _, tc := range []struct {
		query string
		want  Insert
	}{
		{"INSERT INTO t VALUES (1, 2, 3.5, 'x'), (4, 5, 6.5, 'y')", Insert{Table: "t", TablePos: 13, Rows: [][]Value{
			{i("1", 23), i("2", 26), d("3.5", 29), str("x", 34)},
			{i("4", 41), i("5", 44), d("6.5", 47), str("y", 52)}}, End: 55}},
		{"insert into S.T (A, \"B\"\"c\") values (-1, - 2);", Insert{Schema: "s", Table: "t", TablePos: 13,
			Columns: []Column{{Name: "a", Pos: 18}, {Name: `B"c`, Pos: 21}}, Rows: [][]Value{{i("-1", 37), i("-2", 41)}}, End: 44}},
		{"INSERT INTO t VALUES (NULL, default, TRUE, False, $12)", Insert{Table: "t", TablePos: 13, Rows: [][]Value{{
			{Kind: Null, Pos: 23}, {Kind: Default, Pos: 29}, {Kind: Bool, Bool: true, Text: "true", Pos: 38},
			{Kind: Bool, Text: "false", Pos: 44}, {Kind: Param, Param: 12, Pos: 51}}}, End: 54}},
		{"INSERT INTO t VALUES ('it''s', 'a\\b', '')", Insert{Table: "t", TablePos: 13, Rows: [][]Value{{
			str("it's", 23), str(`a\b`, 32), str("", 39)}}, End: 41}},
		{"INSERT INTO t VALUES (.5, 5., 1e10, 1.5E-3, +7, -/*x*/.5e+3)", Insert{Table: "t", TablePos: 13, Rows: [][]Value{{
			d(".5", 23), d("5.", 27), d("1e10", 31), d("1.5E-3", 37), i("7", 45), d("-.5e+3", 49)}}, End: 60}},
		{"/* a /* nested */ one */ INSERT--c\nINTO\tt\r\fVALUES(1)--end", Insert{Table: "t", TablePos: 41,
			Rows: [][]Value{{i("1", 51)}}, End: 57}},
		{"INSERT INTO \"é\" (\"ü\") VALUES ('ö', 'x')  ; ", Insert{Table: "é", TablePos: 13, Columns: []Column{{Name: "ü", Pos: 18}},
			Rows: [][]Value{{str("ö", 31), str("x", 36)}}, End: 44}},
		{"INSERT INTO name (value, type, key, data) VALUES (1,2,3,4)", Insert{Table: "name", TablePos: 13,
			Columns: []Column{{Name: "value", Pos: 19}, {Name: "type", Pos: 26}, {Name: "key", Pos: 32}, {Name: "data", Pos: 37}},
			Rows:    [][]Value{{i("1", 51), i("2", 53), i("3", 55), i("4", 57)}}, End: 58}},
		{"INSERT INTO t VALUES (2147483648, -2147483648, 99999999999999999999)", Insert{Table: "t", TablePos: 13,
			Rows: [][]Value{{i("2147483648", 23), i("-2147483648", 35), i("99999999999999999999", 48)}}, End: 68}},
	} {
		t.Run(tc.query, func(t *testing.T) {
			got, ok := Parse(tc.query)
			if !ok {
				t.Fatalf("Parse rejected it")
			}
			setOffsets(tc.query, &tc.want)
			if !reflect.DeepEqual(*got, tc.want) {
				t.Errorf("got  %+v\nwant %+v", *got, tc.want)
			}
			if err := checkAgainstOracle(tc.query, got); err != nil {
				t.Error(err)
			}
		})
	}
}

// setOffsets fills in the byte offsets of want's character positions.
func setOffsets(query string, want *Insert) {
	want.TableOff = byteOffOf(query, want.TablePos)
	for i := range want.Columns {
		want.Columns[i].Off = byteOffOf(query, want.Columns[i].Pos)
	}
	for _, row := range want.Rows {
		for i := range row {
			row[i].Off = byteOffOf(query, row[i].Pos)
		}
	}
}

// byteOffOf returns the byte offset of the 1-based character position pos.
func byteOffOf(query string, pos int) int {
	n := 1
	for off := range query {
		if n == pos {
			return off
		}
		n++
	}
	return len(query)
}

func TestParseReject(t *testing.T) {
	for _, q := range []string{
		"", "INSERT", "INSERT INTO t", "INSERT INTO t VALUES", "INSERT INTO t VALUES ()", "INSERT INTO t () VALUES (1)",
		"INSERT INTO t VALUES (1", "INSERT INTO t VALUES (1),", "INSERT INTO t VALUES (1) (2)", "INSERT INTO t VALUES 1",
		"INSERT INTO t VALUES (1), (1, 2)", "INSERT INTO t VALUES (1, 2), (1)",
		"INSERT INTO t VALUES (1); INSERT INTO t VALUES (2)", "INSERT INTO t VALUES (1);;", "INSERT INTO t VALUES (1) x",
		"INSERT INTO t VALUES (1) RETURNING *", "INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING",
		"INSERT INTO t DEFAULT VALUES", "INSERT INTO t OVERRIDING SYSTEM VALUE VALUES (1)",
		"WITH x AS (SELECT 1) INSERT INTO t VALUES (1)", "INSERT INTO t SELECT 1", "INSERT INTO t AS x VALUES (1)",
		"INSERT INTO t VALUES (1) ORDER BY 1", "INSERT INTO t VALUES (1) LIMIT 1", "INSERT INTO t VALUES (1) UNION VALUES (2)",
		"INSERT INTO t VALUES (1::int)", "INSERT INTO t VALUES (DATE '2020-01-01')", "INSERT INTO t VALUES (1 + 1)",
		"INSERT INTO t VALUES (now())", "INSERT INTO t VALUES ((SELECT 1))", "INSERT INTO t VALUES ((1))",
		"INSERT INTO t VALUES (-$1)", "INSERT INTO t VALUES (- -1)", "INSERT INTO t VALUES (-+1)", "INSERT INTO t VALUES (+-1)",
		"INSERT INTO t VALUES (-'1')", "INSERT INTO t VALUES (-NULL)", "INSERT INTO t VALUES (- )",
		"INSERT INTO t VALUES (E'x')", "INSERT INTO t VALUES (e'x')", "INSERT INTO t VALUES (U&'x')", "INSERT INTO t VALUES (B'01')",
		"INSERT INTO t VALUES (X'1f')", "INSERT INTO t VALUES (N'x')", "INSERT INTO t VALUES ($$x$$)", "INSERT INTO t VALUES ($a$x$a$)",
		"INSERT INTO t VALUES ('a'\n'b')", "INSERT INTO t VALUES ('a' 'b')", "INSERT INTO t VALUES ('a)", "INSERT INTO t VALUES ('a'')",
		"INSERT INTO t VALUES (0x10)", "INSERT INTO t VALUES (0o7)", "INSERT INTO t VALUES (0b1)", "INSERT INTO t VALUES (1_000)",
		"INSERT INTO t VALUES (1..2)", "INSERT INTO t VALUES (1.2.3)", "INSERT INTO t VALUES (1e)", "INSERT INTO t VALUES (1e+)",
		"INSERT INTO t VALUES (.)", "INSERT INTO t VALUES (.e5)", "INSERT INTO t VALUES (123abc)", "INSERT INTO t VALUES (1é)",
		"INSERT INTO t VALUES ($0)", "INSERT INTO t VALUES ($)", "INSERT INTO t VALUES ($1abc)", "INSERT INTO t VALUES ($2147483648)",
		"INSERT INTO t VALUES (nul)", "INSERT INTO t VALUES (NULLS)", "INSERT INTO t VALUES (x)", "INSERT INTO t VALUES (t.x)",
		"INSERT INTO t VALUES (ARRAY[1])", "INSERT INTO t VALUES (ROW(1))", "INSERT INTO t VALUES (1 /* open",
		"INSERT INTO select VALUES (1)", "INSERT INTO t (from) VALUES (1)", "INSERT INTO public.user VALUES (1)",
		"INSERT INTO t (system_user) VALUES (1)", "INSERT INTO t (a.b) VALUES (1)", "INSERT INTO t (a[1]) VALUES (1)",
		"INSERT INTO c.s.t VALUES (1)", "INSERT INTO \"\" VALUES (1)", "INSERT INTO tablé VALUES (1)",
		"INSERT INTO " + strings.Repeat("a", 64) + " VALUES (1)", "INSERT INTO \"" + strings.Repeat("a", 64) + "\" VALUES (1)",
		"INSERTINTO t VALUES (1)", "INSERT INTO t VALUESS (1)", "UPDATE t SET a = 1", "insert into t values (1)\v",
		"INSERT INTO t VALUES ('\x00')", "INSERT INTO t VALUES ('\xff')", "INSERT INTO ONLY t VALUES (1)",
		"INSERT INTO t VALUES (1);\nSELECT 1", ";INSERT INTO t VALUES (1)",
	} {
		if got, ok := Parse(q); ok {
			t.Errorf("Parse(%q) accepted: %+v", q, got)
		}
	}
}

// TestCharPos checks positions after multi-byte characters in comments,
// identifiers and strings.
func TestCharPos(t *testing.T) {
	q := "/* ééé */ INSERT INTO \"日本\" VALUES ('ß', 1), ('€€', -2)"
	got, ok := Parse(q)
	if !ok {
		t.Fatal("rejected")
	}
	if got.TablePos != 23 || got.Rows[0][0].Pos != 36 || got.Rows[0][1].Pos != 41 || got.Rows[1][1].Pos != 52 ||
		got.TableOff != 25 || got.Rows[0][0].Off != 42 || got.Rows[0][1].Off != 48 || got.Rows[1][1].Off != 63 {
		t.Errorf("positions %d %+v", got.TablePos, got.Rows)
	}
	if err := checkAgainstOracle(q, got); err != nil {
		t.Error(err)
	}
}
