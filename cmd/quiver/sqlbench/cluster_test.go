package sqlbench

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/quiverdb/quiver/cmd/quiver/internal/quivertest"
)

// A cluster is N quiver processes on loopback, started with --join by the
// first benchmark that needs it and stopped by TestMain. Plain `go test`
// never starts one: only BenchmarkSQL with -nodes asks for clusters.
type cluster struct {
	dir   string
	procs []*quivertest.Process
}

// clusterStartTimeout bounds starting a cluster and waiting for full
// replication.
const clusterStartTimeout = 3 * time.Minute

var (
	clustersMu  sync.Mutex
	clusters    = map[int]*cluster{}
	clusterErrs = map[int]error{}
	binOnce     sync.Once
	binPath     string
	binDir      string
	binErr      error
)

// startCluster returns the conninfo of node 1 of the n-node cluster,
// starting the cluster once.
func startCluster(n int) (string, error) {
	clustersMu.Lock()
	defer clustersMu.Unlock()
	if err := clusterErrs[n]; err != nil {
		return "", err
	}
	c := clusters[n]
	if c == nil {
		var err error
		if c, err = newCluster(n); err != nil {
			clusterErrs[n] = err
			return "", err
		}
		clusters[n] = c
	}
	return c.procs[0].Conninfo(), nil
}

// clusterPIDs returns the process ids of the n-node cluster's processes.
func clusterPIDs(n int) []int {
	clustersMu.Lock()
	defer clustersMu.Unlock()
	c := clusters[n]
	if c == nil {
		return nil
	}
	var pids []int
	for _, p := range c.procs {
		pids = append(pids, p.PID())
	}
	return pids
}

// stopClusters kills every cluster process and removes the binary and the
// data directories.
func stopClusters() {
	clustersMu.Lock()
	defer clustersMu.Unlock()
	for n, c := range clusters {
		c.stop()
		delete(clusters, n)
	}
	if binDir != "" {
		os.RemoveAll(binDir)
	}
}

// quiverBinary builds the quiver command once.
func quiverBinary() (string, error) {
	binOnce.Do(func() {
		if binDir, binErr = os.MkdirTemp("", "quiver-sqlbench-bin-"); binErr != nil {
			return
		}
		binPath, binErr = quivertest.Build(binDir)
	})
	return binPath, binErr
}

// newCluster starts n processes, node 1 bootstrapping and the others
// joining it, and waits until every shard has min(n, 3) running replicas.
func newCluster(n int) (*cluster, error) {
	bin, err := quiverBinary()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", fmt.Sprintf("quiver-sqlbench-%dnode-", n))
	if err != nil {
		return nil, err
	}
	c := &cluster{dir: dir}
	deadline := time.Now().Add(clusterStartTimeout)
	for i := 1; i <= n; i++ {
		join := ""
		if i > 1 {
			join = c.procs[0].RPCAddr
		}
		if err := c.startProcess(bin, i, join, min(n, 3), deadline); err != nil {
			c.stop()
			return nil, fmt.Errorf("node %d: %w", i, err)
		}
	}
	if err := c.waitReplicated(min(n, 3), deadline); err != nil {
		c.stop()
		return nil, err
	}
	return c, nil
}

// startProcess starts node i of c on free loopback ports and waits,
// until deadline at the latest, until it serves SQL.
func (c *cluster) startProcess(bin string, i int, join string, replicas int, deadline time.Time) error {
	p, err := quivertest.NewDetached(quivertest.Config{
		Name:         fmt.Sprintf("node%d", i),
		Dir:          filepath.Join(c.dir, strconv.Itoa(i)),
		Join:         join,
		Bin:          bin,
		Args:         []string{"--replicas", strconv.Itoa(replicas), "--tiny-memory"},
		ReadyTimeout: time.Until(deadline),
	})
	if err != nil {
		return err
	}
	c.procs = append(c.procs, p)
	if err := p.Start(); err != nil {
		return fmt.Errorf("%w; log %s", err, p.LogPath)
	}
	return nil
}

// replicated reports whether info shows nodes nodes and at least one
// shard, every shard placed on want nodes, each running here with want
// members and a leader.
func replicated(info *quivertest.ClusterInfo, nodes, want int) error {
	if err := info.Converged(nodes, want); err != nil {
		return err
	}
	if len(info.Shards) == 0 {
		return errors.New("no shards")
	}
	return nil
}

// waitReplicated waits until every process sees every shard with want
// running replicas.
func (c *cluster) waitReplicated(want int, deadline time.Time) error {
	err := errors.New("timed out")
	for time.Now().Before(deadline) {
		if err = c.replicated(want); err == nil {
			return nil
		}
		time.Sleep(250 * time.Millisecond)
	}
	return fmt.Errorf("cluster not replicated %d ways: %w", want, err)
}

func (c *cluster) replicated(want int) error {
	for i, p := range c.procs {
		info, err := p.ClusterInfo()
		if err == nil {
			err = replicated(info, len(c.procs), want)
		}
		if err != nil {
			return fmt.Errorf("node %d: %w", i+1, err)
		}
	}
	return nil
}

// stop kills every process, waits for it and removes the data.
func (c *cluster) stop() {
	for _, p := range c.procs {
		p.Kill()
	}
	os.RemoveAll(c.dir)
}
