package storage

import (
	"go/build"
	"strings"
	"testing"
)

// TestDeps fails when storage imports a package of Quiver other than
// internal/*.
func TestDeps(t *testing.T) {
	pkg, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, imp := range pkg.Imports {
		rest, ok := strings.CutPrefix(imp, "github.com/quiverdb/quiver/")
		if ok && !strings.HasPrefix(rest, "internal/") {
			t.Errorf("storage imports %s", imp)
		}
	}
}
