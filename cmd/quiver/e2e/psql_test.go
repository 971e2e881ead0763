package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quiverdb/quiver/cmd/quiver/internal/quivertest"
)

// psql runs the psql binary against s with ON_ERROR_STOP, unaligned
// tuples-only output, and returns its stdout.
func psql(t *testing.T, s *server, args ...string) (string, error) {
	t.Helper()
	base := []string{"-X", "-v", "ON_ERROR_STOP=1", "-At", "-d", s.conninfo()}
	cmd := exec.Command("psql", append(base, args...)...)
	cmd.Env = append(os.Environ(), "PGCONNECT_TIMEOUT=10", "PGSSLMODE=disable")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return string(out), &psqlError{err: err, stderr: stderr.String()}
	}
	return string(out), nil
}

type psqlError struct {
	err    error
	stderr string
}

func (e *psqlError) Error() string { return e.err.Error() + ": " + e.stderr }

func mustPsql(t *testing.T, s *server, args ...string) string {
	t.Helper()
	out, err := psql(t, s, args...)
	if err != nil {
		t.Fatalf("psql %q: %v", args, err)
	}
	return out
}

func TestPsqlCreateInsertSelect(t *testing.T) {
	s := sqlServer(t)
	mustPsql(t, s, "-c", "CREATE TABLE kv (k INT PRIMARY KEY, v TEXT)")
	mustPsql(t, s, "-c", "INSERT INTO kv VALUES (1, 'one'), (2, 'two'), (3, NULL)")
	got := mustPsql(t, s, "-c", "SELECT k, v FROM kv ORDER BY k")
	if want := "1|one\n2|two\n3|\n"; got != want {
		t.Errorf("SELECT = %q, want %q", got, want)
	}
	got = mustPsql(t, s, "-c", "SELECT count(*), sum(k) FROM kv WHERE v IS NOT NULL")
	if want := "2|3\n"; got != want {
		t.Errorf("aggregate = %q, want %q", got, want)
	}
}

const psqlScript = `-- a multi-statement script
CREATE TABLE items (id INT PRIMARY KEY, name TEXT NOT NULL, price NUMERIC(8,2));
INSERT INTO items VALUES (1, 'apple', 1.20), (2, 'pear', 0.5);
INSERT INTO items (id, name) VALUES (3, 'fig');
UPDATE items SET price = price * 2 WHERE id = 2;
DELETE FROM items WHERE id = 1;
SELECT id, name, price FROM items ORDER BY id;
SELECT 'done';
`

func TestPsqlScript(t *testing.T) {
	s := sqlServer(t)
	path := filepath.Join(t.TempDir(), "script.sql")
	if err := os.WriteFile(path, []byte(psqlScript), 0o644); err != nil {
		t.Fatal(err)
	}
	got := mustPsql(t, s, "-q", "-f", path)
	if want := "2|pear|1.00\n3|fig|\ndone\n"; got != want {
		t.Errorf("script output = %q, want %q", got, want)
	}
}

func TestPsqlStopsOnError(t *testing.T) {
	s := sqlServer(t)
	_, err := psql(t, s, "-c", "SELECT * FROM missing")
	var pe *psqlError
	if err == nil || !strings.Contains(err.Error(), `relation "missing" does not exist`) {
		t.Fatalf("psql on a missing table: %v", err)
	}
	if !asPsqlError(err, &pe) || quivertest.ExitCode(pe.err) != 1 {
		t.Errorf("psql exit: %v, want exit status 1", err)
	}
	if got := mustPsql(t, s, "-c", "SELECT 1"); got != "1\n" {
		t.Errorf("SELECT 1 after an error = %q", got)
	}
}

func asPsqlError(err error, target **psqlError) bool {
	pe, ok := err.(*psqlError)
	*target = pe
	return ok
}
