package depcheck

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Module is Quiver's module path.
const Module = "github.com/quiverdb/quiver"

// Check fails t if a non-test Go file in dir imports a Quiver package
// that is not in allowed (paths relative to the module, e.g. "exec/execpb";
// a trailing "/..." allows a whole subtree). internal/... is always
// allowed.
func Check(t testing.TB, dir string, allowed ...string) {
	t.Helper()
	for _, imp := range imports(t, dir) {
		rel, ok := strings.CutPrefix(imp, Module+"/")
		if !ok || permitted(rel, append(allowed, "internal/...")) {
			continue
		}
		t.Errorf("forbidden import of %s in %s (allowed: %v)", imp, dir, allowed)
	}
}

func permitted(rel string, allowed []string) bool {
	for _, a := range allowed {
		if sub, ok := strings.CutSuffix(a, "/..."); ok && (rel == sub || strings.HasPrefix(rel, sub+"/")) {
			return true
		}
		if rel == a {
			return true
		}
	}
	return false
}

func imports(t testing.TB, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var out []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		af, err := parser.ParseFile(fset, f, src, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, is := range af.Imports {
			p, _ := strconv.Unquote(is.Path.Value)
			out = append(out, p)
		}
	}
	return out
}
