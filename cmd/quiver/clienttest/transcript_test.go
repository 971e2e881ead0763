package clienttest

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// clientTimeout bounds one client program's run.
const clientTimeout = 90 * time.Second

// runClient runs a client program and returns its stdout and stderr. A
// non-zero exit is reported by the transcript comparison, not here: the
// program's output up to the failure is what the diff shows.
func runClient(t *testing.T, dir string, env []string, name string, args ...string) (stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), clientTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	cmd.WaitDelay = 5 * time.Second
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		t.Fatalf("running %s: %v\n%s", name, err, errOut.String())
	}
	if ctx.Err() != nil {
		errOut.WriteString("\n(killed after " + clientTimeout.String() + ")")
	}
	if err != nil {
		errOut.WriteString("\n(" + err.Error() + ")")
	}
	return out.String(), errOut.String()
}

// checkTranscript compares a client program's transcript with
// testdata/<client>/<file>; with -pg -rewrite it stores it there instead.
func checkTranscript(t *testing.T, tg target, isPG bool, client, file, got, stderr string) {
	t.Helper()
	path := filepath.Join("testdata", client, file)
	if isPG && *rewriteFlag {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading expected transcript (create it with -pg conninfo -rewrite): %v", err)
	}
	if got == string(want) {
		return
	}
	server := "quiver"
	if isPG {
		server = "PostgreSQL"
	}
	t.Errorf("%s transcript differs from %s (- PostgreSQL 15, + %s):\n%s\nclient stderr:\n%s%s",
		client, path, server, lineDiff(string(want), got), stderr, logTail(tg.log(), 30))
}

// logTail returns the last n lines of a server log, labelled, or "".
func logTail(log string, n int) string {
	if log == "" {
		return ""
	}
	lines := strings.Split(strings.TrimRight(log, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return "\nquiver log (tail):\n" + strings.Join(lines, "\n")
}
