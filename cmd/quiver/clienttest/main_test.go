package clienttest

import (
	"flag"
	"fmt"
	"os"
	"testing"

	"github.com/quiverdb/quiver/cmd/quiver/internal/quivertest"
)

var (
	pgFlag = flag.String("pg", "",
		"run the client programs against this PostgreSQL conninfo instead of quiver")
	rewriteFlag = flag.Bool("rewrite", false,
		"with -pg, store the transcripts PostgreSQL produced as testdata/<client>/*.out")
)

// TestMain builds the quiver binary, unless -pg runs the programs only
// against PostgreSQL.
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
	return quivertest.Main(m)
}
