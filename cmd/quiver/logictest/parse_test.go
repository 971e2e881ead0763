package logictest

import (
	"strings"
	"testing"
)

const sample = `# description: sample
# config: 1node 3shard
# config: 3node

statement ok
CREATE TABLE t (k INT PRIMARY KEY,
  v TEXT)

skipif postgresql
statement error 23505 duplicate key value
INSERT INTO t VALUES (1, 'a'), (1, 'b')

hash-threshold 8

onlyif quiver
query IT rowsort lbl
SELECT k, v FROM t
----
1  a

query I
SELECT 1

halt
`

func TestParse(t *testing.T) {
	f, err := Parse("sample.slt", sample, true)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(f.Configs, "|"); got != "1node 3shard|3node" {
		t.Errorf("configs = %q", got)
	}
	if len(f.Records) != 6 {
		t.Fatalf("got %d records, want 6", len(f.Records))
	}
	st, ins, th, q, q2, halt := f.Records[0], f.Records[1], f.Records[2], f.Records[3], f.Records[4], f.Records[5]
	if st.Kind != KindStatement || st.SQL != "CREATE TABLE t (k INT PRIMARY KEY,\n  v TEXT)" || st.Line != 5 {
		t.Errorf("statement = %+v", st)
	}
	if !ins.ExpectError || ins.ErrCode != "23505" || ins.ErrRegex.String() != "duplicate key value" {
		t.Errorf("error statement = %+v", ins)
	}
	if ins.Applies("postgresql") || !ins.Applies("quiver") {
		t.Errorf("skipif postgresql not honoured")
	}
	if th.Kind != KindHashThreshold || th.Threshold != 8 {
		t.Errorf("threshold = %+v", th)
	}
	if q.Types != "IT" || q.Sort != RowSort || q.Label != "lbl" || !q.HasSeparator ||
		strings.Join(q.Expected, "|") != "1  a" || q.ResultStart != 18 || q.ResultEnd != 19 {
		t.Errorf("query = %+v", q)
	}
	if !q.Applies("quiver") || q.Applies("postgresql") || !q.Applies("quiver", "postgresql") {
		t.Errorf("onlyif quiver not honoured")
	}
	if q2.HasSeparator || q2.ResultStart != 22 || len(q2.Expected) != 0 {
		t.Errorf("query without results = %+v", q2)
	}
	if halt.Kind != KindHalt {
		t.Errorf("last record = %+v", halt)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ text, want string }{
		{"statement error\nSELECT 1", "must name a SQLSTATE"},
		{"statement maybe\nSELECT 1", "ok or error"},
		{"query X\nSELECT 1", "bad column types"},
		{"query I sideways\nSELECT 1", "bad sort mode"},
		{"frobnicate", "unknown record type"},
		{"statement ok\n", "without SQL"},
		{"hash-threshold many", "bad hash-threshold"},
		{"statement error 42601 (\nSELECT", "bad error regex"},
	}
	for _, tc := range tests {
		_, err := Parse("x.slt", tc.text, true)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%q) = %v, want error containing %q", tc.text, err, tc.want)
		}
	}
	if _, err := Parse("x.slt", "statement error\nSELECT 1", false); err != nil {
		t.Errorf("non-strict bare statement error: %v", err)
	}
}
