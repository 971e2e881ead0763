package quivertest

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const selfPkg = mainPkg + "/internal/quivertest"

// TestOnlyTestsImport fails when a non-test file under cmd/quiver imports
// this package: it starts processes and must stay out of the binary.
func TestOnlyTestsImport(t *testing.T) {
	root, err := filepath.Abs("../..") // cmd/quiver
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "testdata" {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		checked++
		if imports(t, path, selfPkg) {
			t.Errorf("%s imports %s; only _test.go files may", path, selfPkg)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked == 0 {
		t.Fatalf("no Go files found under %s", root)
	}
}

func imports(t *testing.T, path, pkg string) bool {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := parser.ParseFile(token.NewFileSet(), path, src, parser.ImportsOnly)
	if err != nil {
		return false // a file someone is editing; the compiler reports it
	}
	for _, imp := range f.Imports {
		if p, _ := strconv.Unquote(imp.Path.Value); p == pkg {
			return true
		}
	}
	return false
}
