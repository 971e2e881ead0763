package router

import (
	"testing"

	"github.com/quiverdb/quiver/internal/depcheck"
)

// TestDeps enforces the import direction of STYLE.md §1.
func TestDeps(t *testing.T) {
	depcheck.Check(t, ".", "shard", "meta", "exec", "exec/execpb")
}
