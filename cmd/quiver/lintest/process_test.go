package lintest

import (
	"fmt"
	"testing"

	"github.com/quiverdb/quiver/cmd/quiver/internal/quivertest"
)

// newProcess returns one (not yet started) quiver process of a test
// cluster, with --tiny-memory; join is the --join list ("" bootstraps).
// The test's cleanup kills it. Its Start and Kill may be called from the
// nemesis goroutine while clients read its Conninfo.
func newProcess(t *testing.T, name, join string) *quivertest.Process {
	t.Helper()
	return quivertest.New(t, quivertest.Config{Name: name, Join: join,
		Args: []string{"--tiny-memory"}, ConnectTimeout: 3})
}

// converged reports, from p's view (its /debug/cluster), whether the
// cluster has nodes nodes and every shard has want replicas, its local
// one running with a leader.
func converged(p *quivertest.Process, nodes, want int) error {
	info, err := p.ClusterInfo()
	if err != nil {
		return err
	}
	if err := info.Converged(nodes, want); err != nil {
		return fmt.Errorf("%s: %w", p.Name, err)
	}
	return nil
}
