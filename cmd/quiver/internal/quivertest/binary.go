package quivertest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// mainPkg is the import path of the command the tests run.
const mainPkg = "github.com/quiverdb/quiver/cmd/quiver"

var (
	binMu sync.Mutex
	// bin is the binary Main built; Config.Bin defaults to it.
	bin string
)

// Main builds the quiver binary into a temporary directory, runs the
// tests and removes the directory. It returns the exit code for os.Exit:
//
//	func TestMain(m *testing.M) { os.Exit(quivertest.Main(m)) }
func Main(m *testing.M) int {
	dir, err := os.MkdirTemp("", "quivertest-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	path, err := Build(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	setBinary(path)
	defer setBinary("")
	return m.Run()
}

// Build builds the quiver command into dir and returns the binary's path.
// The error carries the compiler's output.
func Build(dir string) (string, error) {
	path := filepath.Join(dir, "quiver")
	out, err := exec.Command("go", "build", "-o", path, mainPkg).CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("building quiver: %v\n%s", err, out)
	}
	return path, nil
}

// Binary returns the path of the binary Main built, or "" outside Main.
func Binary() string {
	binMu.Lock()
	defer binMu.Unlock()
	return bin
}

func setBinary(path string) {
	binMu.Lock()
	bin = path
	binMu.Unlock()
}
