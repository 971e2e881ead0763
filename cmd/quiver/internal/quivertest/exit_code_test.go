package quivertest

import (
	"errors"
	"fmt"
	"os/exec"
	"testing"
)

func TestExitCode(t *testing.T) {
	exit3 := exec.Command("sh", "-c", "exit 3").Run()
	for _, tc := range []struct {
		name string
		err  error
		want int
	}{
		{"nil", nil, 0},
		{"exit status", exit3, 3},
		{"wrapped exit status", fmt.Errorf("psql: %w", exit3), 3},
		{"other error", errors.New("boom"), -1},
	} {
		if got := ExitCode(tc.err); got != tc.want {
			t.Errorf("%s: ExitCode(%v) = %d, want %d", tc.name, tc.err, got, tc.want)
		}
	}
}
