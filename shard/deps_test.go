package shard

import (
	"go/build"
	"strings"
	"testing"
)

// TestDeps fails when shard imports a package of Quiver it must not.
func TestDeps(t *testing.T) {
	pkg, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	allowed := []string{"exec", "storage", "internal/"}
	for _, imp := range pkg.Imports {
		rest, ok := strings.CutPrefix(imp, "github.com/quiverdb/quiver/")
		if !ok {
			continue
		}
		if !hasAllowedPrefix(rest, allowed) {
			t.Errorf("shard imports %s", imp)
		}
	}
}

func hasAllowedPrefix(p string, allowed []string) bool {
	for _, a := range allowed {
		if p == a || strings.HasPrefix(p, strings.TrimSuffix(a, "/")+"/") {
			return true
		}
	}
	return false
}
