package logictest

import (
	"fmt"
	"path/filepath"
	"testing"
)

// maxCorpusFailures bounds the failures printed per corpus file.
const maxCorpusFailures = 10

// runCorpus runs sqllogictest corpus files (SQLite's, kept in
// /work/shared/slt) and reports the share of records that pass. Quiver
// answers to the engine name postgresql there too, since the corpus guards
// PostgreSQL's differences from SQLite with `skipif postgresql` and Quiver's
// target is PostgreSQL's own result.
func runCorpus(t *testing.T, glob string) {
	files, err := filepath.Glob(glob)
	if err != nil || len(files) == 0 {
		t.Fatalf("-slt=%q matches no files (%v)", glob, err)
	}
	var total, passed, skipped int
	for _, path := range files {
		f := parseFile(t, path, path, false /* strict */)
		for _, tg := range targets(nil /* configs */) {
			var aliases []string
			if tg.engine == "quiver" {
				aliases = []string{"postgresql"}
			}
			res := runFile(t, tg, f, aliases)
			for i, fl := range res.Failures {
				if i == maxCorpusFailures {
					t.Logf("%s: %d more failures", path, len(res.Failures)-i)
					break
				}
				t.Log(fl.String())
			}
			t.Logf("%s on %s: %d/%d records pass (%d skipped)",
				path, tg.name, res.Passed, res.Records, res.Skipped)
			total, passed, skipped = total+res.Records, passed+res.Passed, skipped+res.Skipped
		}
	}
	rate := 100 * float64(passed) / float64(max(total, 1))
	fmt.Printf("sqllogictest corpus: %d/%d records pass (%.2f%%), %d skipped\n", passed, total, rate, skipped)
	if rate < *sltMinFlag {
		t.Errorf("pass rate %.2f%% is below -slt-min=%.2f", rate, *sltMinFlag)
	}
}
