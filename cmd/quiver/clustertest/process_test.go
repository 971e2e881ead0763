package clustertest

import (
	"fmt"
	"testing"

	"github.com/quiverdb/quiver/cmd/quiver/internal/quivertest"
)

// newProcess returns a process of the test cluster on free ports (not
// started yet); join is the --join list ("" bootstraps). The test's
// cleanup kills it.
func newProcess(t *testing.T, name, join string) *quivertest.Process {
	t.Helper()
	return quivertest.New(t, quivertest.Config{Name: name, Join: join, Args: []string{"--tiny-memory"}})
}

// mustStart runs p and waits until it serves SQL; it fails the test with
// p's log otherwise.
func mustStart(t *testing.T, p *quivertest.Process) {
	t.Helper()
	if err := p.Start(); err != nil {
		t.Fatalf("%v\n%s", err, p.Log())
	}
}

// converged reports, from p's view, whether every shard is placed on
// want nodes and its local replica runs with want members.
func converged(p *quivertest.Process, nodes, want int) error {
	info, err := p.ClusterInfo()
	if err == nil {
		err = info.Converged(nodes, want)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", p.Name, err)
	}
	return nil
}
