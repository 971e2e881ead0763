package clienttest

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// odbcDriverGlob finds psqlODBC's Unicode driver whatever the architecture.
const odbcDriverGlob = "/usr/lib/*/odbc/psqlodbcw.so"

// TestPsqlODBC runs testdata/odbc/client_test.py through pyodbc, unixODBC
// and psqlODBC (bound parameters of every supported type, a statement
// re-executed 7 times, SQLSTATEs), then a script through unixODBC's isql,
// both with an odbc.ini DSN.
func TestPsqlODBC(t *testing.T) {
	requirePythonModule(t, "pyodbc", "python3-pyodbc")
	isql := requireCommand(t, "isql", "unixodbc")
	drivers, _ := filepath.Glob(odbcDriverGlob)
	if len(drivers) == 0 {
		t.Fatalf("%s is missing: apt-get install odbc-postgresql (.ci/run installs it)", odbcDriverGlob)
	}
	script, err := filepath.Abs(filepath.Join("testdata", "odbc", "client_test.py"))
	if err != nil {
		t.Fatal(err)
	}
	isqlInput, err := os.ReadFile(filepath.Join("testdata", "odbc", "isql.sql"))
	if err != nil {
		t.Fatal(err)
	}
	forEachTarget(t, func(t *testing.T, tg target, isPG bool) {
		dir := t.TempDir()
		env := odbcEnv(t, dir, drivers[0], tg)
		got, stderr := runClient(t, dir, env, systemPython, script, "quiver")
		checkTranscript(t, tg, isPG, "odbc", "expected.out", got, stderr)

		input := filepath.Join(dir, "input.sql")
		if err := os.WriteFile(input, isqlInput, 0o644); err != nil {
			t.Fatal(err)
		}
		env = append(env, "ISQL_INPUT="+input)
		got, stderr = runClient(t, dir, env, "sh", "-c", `exec "$0" -b -d'|' -c -v quiver < "$ISQL_INPUT"`, isql)
		checkTranscript(t, tg, isPG, "odbc", "isql.out", normalizeISQL(got), stderr)
	})
}

// odbcEnv writes an odbc.ini with a DSN "quiver" for the target and
// returns the environment that makes unixODBC read it.
func odbcEnv(t *testing.T, dir, driver string, tg target) []string {
	t.Helper()
	ini := fmt.Sprintf("[quiver]\nDriver = %s\nServername = %s\nPort = %s\nDatabase = %s\n"+
		"Username = postgres\nSSLmode = disable\n", driver, tg.host, tg.port, tg.dbname)
	path := filepath.Join(dir, "odbc.ini")
	if err := os.WriteFile(path, []byte(ini), 0o644); err != nil {
		t.Fatal(err)
	}
	return []string{"ODBCINI=" + path, "ODBCSYSINI=" + dir, "PGTZ=UTC", "TZ=UTC", "PYTHONIOENCODING=utf-8"}
}

// isqlError matches the line isql prints for a failed statement:
// "[SQLSTATE]driver message". The primary message is PostgreSQL's prose,
// which Quiver need not copy word for word, so only its SQLSTATE is
// compared; a DETAIL line (which carries data, such as the duplicate key) is
// compared as is.
var isqlError = regexp.MustCompile(`^\[([0-9A-Z]{5})\].*$`)

func normalizeISQL(out string) string {
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		lines[i] = isqlError.ReplaceAllString(l, "error [$1]")
	}
	return strings.Join(lines, "\n")
}
