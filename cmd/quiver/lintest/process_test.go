package lintest

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// process is one quiver process of a test cluster. start and kill may be
// called from the nemesis goroutine while clients read conninfo.
type process struct {
	t                                    *testing.T
	name                                 string
	dataDir, logPath                     string
	sqlAddr, raftAddr, rpcAddr, httpAddr string
	join                                 string

	mu     sync.Mutex
	cmd    *exec.Cmd
	exited chan struct{}
}

// newProcess picks a data directory and free ports; join is the --join
// list ("" bootstraps).
func newProcess(t *testing.T, name, join string) *process {
	t.Helper()
	dir := t.TempDir()
	p := &process{t: t, name: name, dataDir: filepath.Join(dir, "data"), logPath: filepath.Join(dir, "quiver.log"), join: join}
	for _, a := range []*string{&p.sqlAddr, &p.raftAddr, &p.rpcAddr, &p.httpAddr} {
		*a = freeAddr(t)
	}
	t.Cleanup(p.kill)
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

// start runs the binary and waits until it serves SQL.
func (p *process) start() error {
	logf, err := os.OpenFile(p.logPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	defer logf.Close()
	args := []string{"start", "--data-dir", p.dataDir, "--listen", p.sqlAddr, "--raft-addr", p.raftAddr,
		"--rpc-addr", p.rpcAddr, "--http-addr", p.httpAddr, "--tiny-memory"}
	if p.join != "" {
		args = append(args, "--join", p.join)
	}
	cmd := exec.Command(quiverBin, args...)
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		return err
	}
	exited := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		close(exited)
	}()
	p.mu.Lock()
	p.cmd, p.exited = cmd, exited
	p.mu.Unlock()
	if err := p.waitSQL(60*time.Second, exited); err != nil {
		p.kill()
		return fmt.Errorf("%s did not start: %v", p.name, err)
	}
	return nil
}

func (p *process) waitSQL(timeout time.Duration, exited chan struct{}) error {
	deadline := time.Now().Add(timeout)
	var err error
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			return fmt.Errorf("process exited")
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
	return fmt.Sprintf("host=%s port=%s user=postgres dbname=postgres sslmode=disable connect_timeout=3", host, port)
}

func (p *process) log() string {
	b, _ := os.ReadFile(p.logPath)
	return string(b)
}

// kill sends SIGKILL if the process runs and waits for it to exit.
func (p *process) kill() {
	p.mu.Lock()
	cmd, exited := p.cmd, p.exited
	p.mu.Unlock()
	if cmd == nil {
		return
	}
	select {
	case <-exited:
		return
	default:
	}
	_ = cmd.Process.Kill()
	<-exited
}

// clusterInfo is the part of node.ClusterInfo's JSON the tests read.
type clusterInfo struct {
	Nodes  []uint64 `json:"nodes"`
	Shards []struct {
		ID      uint64   `json:"id"`
		Placed  []uint64 `json:"placed"`
		Running bool     `json:"running"`
		Members []uint64 `json:"members"`
		Leader  uint64   `json:"leader"`
	} `json:"shards"`
}

// converged reports, from the process's view (its /debug/cluster),
// whether the cluster has nodes nodes and every shard has want replicas,
// its local one running with a leader.
func (p *process) converged(nodes, want int) error {
	c := http.Client{Timeout: 2 * time.Second}
	resp, err := c.Get("http://" + p.httpAddr + "/debug/cluster")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var info clusterInfo
	if err := json.NewDecoder(resp.Body).Decode(&info); err != nil {
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
