package clienttest

import (
	"path/filepath"
	"testing"
)

// TestNodePostgres runs testdata/nodepg/client_test.js with node-postgres:
// extended-protocol queries whose parameter types the server infers,
// a named prepared statement run 7 times, a multi-statement simple query,
// and SQLSTATEs of a duplicate key and of syntax errors in both protocols.
func TestNodePostgres(t *testing.T) {
	modules := nodePGModules(t)
	script, err := filepath.Abs(filepath.Join("testdata", "nodepg", "client_test.js"))
	if err != nil {
		t.Fatal(err)
	}
	forEachTarget(t, func(t *testing.T, tg target, isPG bool) {
		got, stderr := runClient(t, t.TempDir(), []string{"NODE_PATH=" + modules, "TZ=UTC"},
			"node", script, tg.host, tg.port, tg.dbname)
		checkTranscript(t, tg, isPG, "nodepg", "expected.out", got, stderr)
	})
}
