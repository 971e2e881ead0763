package sqlbench

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseSpec(t *testing.T) {
	const text = `# comment
load
CREATE TABLE t (k INT PRIMARY KEY,
  v TEXT)

fill rows=5 batch=2
INSERT INTO t VALUES
({k}, 'v{k}')

run rows=3 repeat=3
INSERT INTO t VALUES
({k}, 'x')
`
	s, err := ParseSpec("dir/x.bench", text)
	if err != nil {
		t.Fatal(err)
	}
	if s.Name != "x" || len(s.Load) != 2 || s.Load[0].SQL != "CREATE TABLE t (k INT PRIMARY KEY,\n  v TEXT)" {
		t.Fatalf("spec = %+v", s)
	}
	var stmts []string
	if err := s.Load[1].Fill.Statements(func(sql string) error { stmts = append(stmts, sql); return nil }); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"INSERT INTO t VALUES (1, 'v1'), (2, 'v2')",
		"INSERT INTO t VALUES (3, 'v3'), (4, 'v4')",
		"INSERT INTO t VALUES (5, 'v5')",
	}
	if strings.Join(stmts, "|") != strings.Join(want, "|") {
		t.Errorf("fill statements = %q, want %q", stmts, want)
	}
	if s.Run.Rows != 3 || s.Run.Repeat != 3 || s.Run.Tuple != "({k}, 'x')" {
		t.Errorf("run = %+v", s.Run)
	}
}

func TestParseSpecErrors(t *testing.T) {
	tests := []struct{ text, want string }{
		{"load\nCREATE TABLE t (k INT)", "no run block"},
		{"run\nSELECT 1\n\nrun\nSELECT 2", "more than one run"},
		{"run rows=x\nSELECT 1", "positive integer"},
		{"run speed=9\nSELECT 1", "unknown option"},
		{"run param=rand\nSELECT $1", "keys"},
		{"run param=odd\nSELECT $1", "seq or rand"},
		{"fill rows=3\n(1)\n\nrun\nSELECT 1", "row template"},
		{"run\n", "run needs SQL"},
	}
	for _, tc := range tests {
		if _, err := ParseSpec("x.bench", tc.text); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseSpec(%q) = %v, want error containing %q", tc.text, err, tc.want)
		}
	}
}

// TestBenchFiles parses every file in testdata/bench, so a broken file
// fails `go test` rather than only the benchmark run.
func TestBenchFiles(t *testing.T) {
	files := benchFiles(t)
	if len(files) == 0 {
		t.Fatal("no .bench files")
	}
	for _, path := range files {
		text, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ParseSpec(path, string(text)); err != nil {
			t.Error(err)
		}
	}
}

func benchFiles(tb testing.TB) []string {
	files, err := filepath.Glob(filepath.Join(benchDir, "*.bench"))
	if err != nil {
		tb.Fatal(err)
	}
	return files
}
