package logictest

import (
	"context"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

var (
	pgFlag = flag.String("pg", "",
		"run the files against this PostgreSQL conninfo (the oracle) instead of Quiver")
	rewriteFlag = flag.Bool("rewrite", false,
		"rewrite expected results from the -pg run (expectations are PostgreSQL's own)")
	fileFlag = flag.String("file", "",
		"run only files whose path under testdata/logic (or base name) matches this glob")
	sltFlag = flag.String("slt", "",
		"run sqllogictest corpus files matching this glob (e.g. /work/shared/slt/test/select1.test) "+
			"instead of testdata/logic, and report the pass rate")
	sltMinFlag = flag.Float64("slt-min", 0,
		"with -slt, fail when the pass rate (0-100) is below this")
	nodeLogFlag = flag.Bool("node-log", false, "send the in-process nodes' logs to stderr")
)

// pgEnv names a PostgreSQL conninfo that, when set, adds an oracle run of
// every file next to the Quiver run (see .ci/run).
const pgEnv = "QUIVER_TEST_PG"

// logicDir is testdata/logic relative to this package.
const logicDir = "../../../testdata/logic"

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if err := stopServers(); err != nil {
		fmt.Fprintln(os.Stderr, "stopping nodes:", err)
		if code == 0 {
			code = 1
		}
	}
	os.Exit(code)
}

// target is one server a file runs against.
type target struct {
	name     string
	engine   string
	conninfo func() (string, error)
}

// targets lists the servers a file with these configs runs on.
func targets(configs []string) []target {
	if *pgFlag != "" {
		return []target{pgTarget(*pgFlag)}
	}
	if len(configs) == 0 {
		configs = []string{"1node"}
	}
	var ts []target
	for _, c := range configs {
		c := c
		ts = append(ts, target{
			name:     "quiver-" + strings.ReplaceAll(c, " ", "-"),
			engine:   "quiver",
			conninfo: func() (string, error) { return quiverServer(c) },
		})
	}
	if pg := os.Getenv(pgEnv); pg != "" {
		ts = append(ts, pgTarget(pg))
	}
	return ts
}

func pgTarget(conninfo string) target {
	return target{
		name:     "postgresql",
		engine:   "postgresql",
		conninfo: func() (string, error) { return conninfo, nil },
	}
}

// logicFiles lists the .slt files under dir that -file selects.
func logicFiles(t *testing.T, dir string) []string {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".slt") {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if selected(rel) {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	return files
}

func selected(rel string) bool {
	if *fileFlag == "" {
		return true
	}
	full, _ := filepath.Match(*fileFlag, rel)
	base, _ := filepath.Match(*fileFlag, filepath.Base(rel))
	return full || base
}

func TestLogic(t *testing.T) {
	if *rewriteFlag && *pgFlag == "" {
		t.Fatal("-rewrite needs -pg: expected results must come from PostgreSQL")
	}
	if *sltFlag != "" {
		runCorpus(t, *sltFlag)
		return
	}
	files := logicFiles(t, logicDir)
	if len(files) == 0 {
		t.Fatalf("no .slt files under %s match -file=%q", logicDir, *fileFlag)
	}
	for _, path := range files {
		rel, _ := filepath.Rel(logicDir, path)
		t.Run(rel, func(t *testing.T) { runLogicFile(t, path, rel) })
	}
}

func runLogicFile(t *testing.T, path, rel string) {
	f := parseFile(t, path, rel, true /* strict */)
	for _, tg := range targets(f.Configs) {
		t.Run(tg.name, func(t *testing.T) {
			res := runFile(t, tg, f, nil /* aliases */)
			for _, fl := range res.Failures {
				t.Error(fl.String())
			}
			t.Logf("%s on %s: %d/%d records pass (%d skipped)", rel, tg.name, res.Passed, res.Records, res.Skipped)
			if *rewriteFlag {
				writeLines(t, path, res.Lines)
			}
		})
	}
}

func parseFile(t *testing.T, path, rel string, strict bool) *File {
	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(rel, string(text), strict)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func runFile(t *testing.T, tg target, f *File, aliases []string) *FileResult {
	conninfo, err := tg.conninfo()
	if err != nil {
		t.Fatalf("starting %s: %v", tg.name, err)
	}
	r := &Runner{Conninfo: conninfo, Engine: tg.engine, Aliases: aliases, Rewrite: *rewriteFlag}
	res, err := r.Run(context.Background(), f)
	if err != nil {
		t.Fatalf("%s on %s: %v", f.Path, tg.name, err)
	}
	return res
}

func writeLines(t *testing.T, path string, lines []string) {
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}
