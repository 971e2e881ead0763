package clienttest

import (
	"path/filepath"
	"testing"
)

// TestPsycopg2 runs testdata/psycopg2/client_test.py with Debian's
// python3-psycopg2: client-side parameter interpolation of every supported
// type, a repeated query, SQL PREPARE/EXECUTE, SQLSTATEs mapped to
// psycopg2's exception classes, and a transaction in psycopg2's default
// (non-autocommit) mode.
func TestPsycopg2(t *testing.T) {
	requirePythonModule(t, "psycopg2", "python3-psycopg2")
	script, err := filepath.Abs(filepath.Join("testdata", "psycopg2", "client_test.py"))
	if err != nil {
		t.Fatal(err)
	}
	forEachTarget(t, func(t *testing.T, tg target, isPG bool) {
		got, stderr := runClient(t, t.TempDir(), []string{"PGTZ=UTC", "TZ=UTC", "PYTHONIOENCODING=utf-8"},
			systemPython, script, tg.host, tg.port, tg.dbname)
		checkTranscript(t, tg, isPG, "psycopg2", "expected.out", got, stderr)
	})
}
