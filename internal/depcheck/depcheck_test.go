package depcheck

import (
	"os"
	"path/filepath"
	"testing"
)

type recorder struct {
	testing.TB
	errs int
}

func (r *recorder) Errorf(string, ...any) { r.errs++ }
func (r *recorder) Helper()               {}

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	src := "package p\nimport (\n_ \"fmt\"\n_ \"" + Module + "/sql\"\n_ \"" + Module + "/internal/types\"\n)\n"
	if err := os.WriteFile(filepath.Join(dir, "p.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	r := &recorder{TB: t}
	Check(r, dir, "planner")
	if r.errs != 1 {
		t.Fatalf("want 1 violation (sql), got %d", r.errs)
	}
	r = &recorder{TB: t}
	Check(r, dir, "sql")
	if r.errs != 0 {
		t.Fatalf("want no violation, got %d", r.errs)
	}
}
