package clustertest

import (
	"os"
	"testing"

	"github.com/quiverdb/quiver/cmd/quiver/internal/quivertest"
)

func TestMain(m *testing.M) {
	os.Exit(quivertest.Main(m))
}
