package node

import (
	"testing"

	"github.com/quiverdb/quiver/internal/depcheck"
)

// TestDeps enforces STYLE.md §1: node wires every layer but pgwire's
// internals stay behind its API.
func TestDeps(t *testing.T) {
	depcheck.Check(t, ".", "pgwire", "sql", "meta", "shard/...", "storage", "exec", "exec/execpb")
}
