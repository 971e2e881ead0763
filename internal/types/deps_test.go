package types

import (
	"go/build"
	"strings"
	"testing"
)

// TestDeps fails when types imports a package of Quiver other than
// internal/pgerror.
func TestDeps(t *testing.T) {
	pkg, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, imp := range pkg.Imports {
		if rest, ok := strings.CutPrefix(imp, "github.com/quiverdb/quiver/"); ok && rest != "internal/pgerror" {
			t.Errorf("types imports %s", imp)
		}
	}
}
