package sql

import (
	"testing"

	"github.com/quiverdb/quiver/internal/depcheck"
)

// TestDeps enforces the import direction of STYLE.md §1.
func TestDeps(t *testing.T) {
	depcheck.Check(t, ".", "planner", "exec", "exec/execpb", "shard", "meta", "storage", "sql/fastinsert")
}
