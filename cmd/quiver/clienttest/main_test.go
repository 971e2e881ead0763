package clienttest

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

var (
	pgFlag = flag.String("pg", "",
		"run the client programs against this PostgreSQL conninfo instead of quiver")
	rewriteFlag = flag.Bool("rewrite", false,
		"with -pg, store the transcripts PostgreSQL produced as testdata/<client>/*.out")
)

// quiverBin is the binary TestMain builds; empty with -pg.
var quiverBin string

func TestMain(m *testing.M) {
	os.Exit(runMain(m))
}

func runMain(m *testing.M) int {
	flag.Parse()
	if *rewriteFlag && *pgFlag == "" {
		fmt.Fprintln(os.Stderr, "-rewrite needs -pg: expected transcripts are PostgreSQL's")
		return 2
	}
	if *pgFlag != "" {
		return m.Run()
	}
	dir, err := os.MkdirTemp("", "quiver-clienttest-bin-")
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
