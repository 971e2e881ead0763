package sqlbench

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// A cluster is N quiver processes on loopback, started with --join by the
// first benchmark that needs it and stopped by TestMain. Plain `go test`
// never starts one: only BenchmarkSQL with -nodes asks for clusters.
type cluster struct {
	dir   string
	procs []*process
}

// process is one quiver process of a cluster.
type process struct {
	sqlAddr, raftAddr, rpcAddr, httpAddr string
	logPath                              string
	cmd                                  *exec.Cmd
	exited                               chan struct{}
	waitErr                              error
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
	return c.procs[0].conninfo(), nil
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
		pids = append(pids, p.cmd.Process.Pid)
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
		binPath = filepath.Join(binDir, "quiver")
		build := exec.Command("go", "build", "-o", binPath, "github.com/quiverdb/quiver/cmd/quiver")
		if out, err := build.CombinedOutput(); err != nil {
			binErr = fmt.Errorf("building quiver: %v\n%s", err, out)
		}
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
			join = c.procs[0].rpcAddr
		}
		p, err := startProcess(bin, filepath.Join(dir, strconv.Itoa(i)), join, min(n, 3))
		if p != nil {
			c.procs = append(c.procs, p)
		}
		if err == nil {
			err = p.waitSQL(deadline)
		}
		if err != nil {
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

// startProcess runs the binary on free loopback ports.
func startProcess(bin, dir, join string, replicas int) (*process, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	p := &process{logPath: filepath.Join(dir, "quiver.log")}
	for _, a := range []*string{&p.sqlAddr, &p.raftAddr, &p.rpcAddr, &p.httpAddr} {
		var err error
		if *a, err = freeAddr(); err != nil {
			return nil, err
		}
	}
	logf, err := os.Create(p.logPath)
	if err != nil {
		return nil, err
	}
	defer logf.Close()
	args := []string{"start", "--data-dir", filepath.Join(dir, "data"), "--listen", p.sqlAddr,
		"--raft-addr", p.raftAddr, "--rpc-addr", p.rpcAddr, "--http-addr", p.httpAddr,
		"--replicas", strconv.Itoa(replicas), "--tiny-memory"}
	if join != "" {
		args = append(args, "--join", join)
	}
	p.cmd = exec.Command(bin, args...)
	p.cmd.Stdout, p.cmd.Stderr = logf, logf
	if err := p.cmd.Start(); err != nil {
		return nil, err
	}
	p.exited = make(chan struct{})
	go func() {
		p.waitErr = p.cmd.Wait()
		close(p.exited)
	}()
	return p, nil
}

// freeAddr returns a loopback address whose port was just free.
func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

func (p *process) conninfo() string {
	host, port, _ := net.SplitHostPort(p.sqlAddr)
	return fmt.Sprintf("host=%s port=%s user=postgres dbname=postgres sslmode=disable connect_timeout=5", host, port)
}

// waitSQL waits until the process accepts a SQL connection.
func (p *process) waitSQL(deadline time.Time) error {
	err := errors.New("timed out")
	for time.Now().Before(deadline) {
		select {
		case <-p.exited:
			return fmt.Errorf("process exited: %v; log %s", p.waitErr, p.logPath)
		default:
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		var conn *pgx.Conn
		if conn, err = pgx.Connect(ctx, p.conninfo()); err == nil {
			conn.Close(ctx)
			cancel()
			return nil
		}
		cancel()
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("no SQL on %s: %w", p.sqlAddr, err)
}

// clusterView mirrors the fields of node.ClusterInfo (/debug/cluster)
// that waitReplicated needs.
type clusterView struct {
	Nodes  []uint64 `json:"nodes"`
	Shards []struct {
		ID      uint64   `json:"id"`
		Placed  []uint64 `json:"placed"`
		Running bool     `json:"running"`
		Members []uint64 `json:"members"`
		Leader  uint64   `json:"leader"`
	} `json:"shards"`
}

// view fetches the process's /debug/cluster.
func (p *process) view() (*clusterView, error) {
	c := http.Client{Timeout: 2 * time.Second}
	resp, err := c.Get("http://" + p.httpAddr + "/debug/cluster")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var v clusterView
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		return nil, err
	}
	return &v, nil
}

// replicated reports whether v shows nodes nodes and every shard placed on
// want nodes, each running here with want members and a leader.
func (v *clusterView) replicated(nodes, want int) error {
	if len(v.Nodes) != nodes {
		return fmt.Errorf("%d nodes known", len(v.Nodes))
	}
	if len(v.Shards) == 0 {
		return errors.New("no shards")
	}
	for _, sh := range v.Shards {
		if len(sh.Placed) != want || !sh.Running || len(sh.Members) != want || sh.Leader == 0 {
			return fmt.Errorf("shard %d placed %v running %v members %v leader %d",
				sh.ID, sh.Placed, sh.Running, sh.Members, sh.Leader)
		}
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
		v, err := p.view()
		if err == nil {
			err = v.replicated(len(c.procs), want)
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
		select {
		case <-p.exited:
		default:
			_ = p.cmd.Process.Kill()
			<-p.exited
		}
	}
	os.RemoveAll(c.dir)
}
