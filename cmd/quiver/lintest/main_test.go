package lintest

import (
	"os"
	"testing"

	"github.com/quiverdb/quiver/cmd/quiver/internal/quivertest"
)

// TestMain builds the quiver binary the tests start.
func TestMain(m *testing.M) {
	os.Exit(quivertest.Main(m))
}
