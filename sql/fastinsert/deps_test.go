package fastinsert

import (
	"testing"

	"github.com/quiverdb/quiver/internal/depcheck"
)

// TestDeps enforces the import direction of STYLE.md §1: fastinsert is a
// leaf under sql and imports only internal/*.
func TestDeps(t *testing.T) {
	depcheck.Check(t, ".")
}
