package lintest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// quiverBin is the binary TestMain builds.
var quiverBin string

func TestMain(m *testing.M) {
	os.Exit(runMain(m))
}

func runMain(m *testing.M) int {
	dir, err := os.MkdirTemp("", "quiver-lintest-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	quiverBin = filepath.Join(dir, "quiver")
	build := exec.Command("go", "build", "-o", quiverBin, "github.com/quiverdb/quiver/cmd/quiver")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building quiver:", err)
		return 1
	}
	return m.Run()
}
