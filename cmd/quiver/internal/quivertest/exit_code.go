package quivertest

import (
	"errors"
	"os/exec"
)

// ExitCode returns the exit status an exec.Cmd's Wait or Run reported: 0
// for a nil error, the process's code for an *exec.ExitError (-1 when a
// signal killed it) and -1 for any other error.
func ExitCode(err error) int {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}
