package clustertest

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// process is one quiver process of a test cluster.
type process struct {
	t                                    *testing.T
	name                                 string
	dataDir, logPath                     string
	sqlAddr, raftAddr, rpcAddr, httpAddr string
	join                                 string
	cmd                                  *exec.Cmd
	exited                               chan struct{}
	waitErr                              error
}

// newProcess picks a data directory and free ports; join is the
// --join list ("" bootstraps).
func newProcess(t *testing.T, name, join string) *process {
	t.Helper()
	dir := t.TempDir()
	p := &process{t: t, name: name, dataDir: filepath.Join(dir, "data"), logPath: filepath.Join(dir, "quiver.log"), join: join}
	for _, a := range []*string{&p.sqlAddr, &p.raftAddr, &p.rpcAddr, &p.httpAddr} {
		*a = freeAddr(t)
	}
	return p
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// start runs the binary and waits until it serves SQL; the test's
// cleanup kills it.
func (p *process) start() {
	p.t.Helper()
	logf, err := os.OpenFile(p.logPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		p.t.Fatal(err)
	}
	defer logf.Close()
	args := []string{"start", "--data-dir", p.dataDir, "--listen", p.sqlAddr, "--raft-addr", p.raftAddr,
		"--rpc-addr", p.rpcAddr, "--http-addr", p.httpAddr, "--tiny-memory"}
	if p.join != "" {
		args = append(args, "--join", p.join)
	}
	p.cmd = exec.Command(quiverBin, args...)
	p.cmd.Stdout, p.cmd.Stderr = logf, logf
	if err := p.cmd.Start(); err != nil {
		p.t.Fatal(err)
	}
	p.exited = make(chan struct{})
	go func(cmd *exec.Cmd, exited chan struct{}) {
		p.waitErr = cmd.Wait()
		close(exited)
	}(p.cmd, p.exited)
	p.t.Cleanup(p.kill)
	if err := p.waitSQL(60 * time.Second); err != nil {
		p.kill()
		p.t.Fatalf("%s did not start: %v\n%s", p.name, err, p.log())
	}
}

func (p *process) waitSQL(timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	var err error
	for time.Now().Before(deadline) {
		select {
		case <-p.exited:
			return fmt.Errorf("process exited: %v", p.waitErr)
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
	return err
}

func (p *process) conninfo() string {
	host, port, _ := net.SplitHostPort(p.sqlAddr)
	return fmt.Sprintf("host=%s port=%s user=postgres dbname=postgres sslmode=disable connect_timeout=5", host, port)
}

func (p *process) log() string {
	b, _ := os.ReadFile(p.logPath)
	return string(b)
}

// kill sends SIGKILL if the process runs and waits for it.
func (p *process) kill() {
	if p.cmd == nil || p.exited == nil {
		return
	}
	select {
	case <-p.exited:
		return
	default:
	}
	_ = p.cmd.Process.Kill()
	<-p.exited
}

// clusterInfo mirrors node.ClusterInfo's JSON.
type clusterInfo struct {
	NodeID      uint64   `json:"node_id"`
	MetaVersion uint64   `json:"meta_version"`
	Nodes       []uint64 `json:"nodes"`
	Shards      []struct {
		ID      uint64   `json:"id"`
		Placed  []uint64 `json:"placed"`
		Running bool     `json:"running"`
		Members []uint64 `json:"members"`
		Leader  uint64   `json:"leader"`
	} `json:"shards"`
}

// info fetches the process's /debug/cluster.
func (p *process) info() (*clusterInfo, error) {
	c := http.Client{Timeout: 2 * time.Second}
	resp, err := c.Get("http://" + p.httpAddr + "/debug/cluster")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var info clusterInfo
	if err := json.NewDecoder(resp.Body).Decode(&info); err != nil {
		return nil, err
	}
	return &info, nil
}

// converged reports, from the process's view, whether every shard is
// placed on want nodes and its local replica runs with want members.
func (p *process) converged(nodes, want int) error {
	info, err := p.info()
	if err != nil {
		return err
	}
	if len(info.Nodes) != nodes {
		return fmt.Errorf("%s knows %d nodes", p.name, len(info.Nodes))
	}
	for _, sh := range info.Shards {
		if len(sh.Placed) != want || !sh.Running || len(sh.Members) != want || sh.Leader == 0 {
			return fmt.Errorf("%s: shard %d placed %v running %v members %v leader %d",
				p.name, sh.ID, sh.Placed, sh.Running, sh.Members, sh.Leader)
		}
	}
	return nil
}
