package quivertest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// queryInt runs sql on a fresh connection to p and returns its one value.
func queryInt(t *testing.T, p *Process, sql string) int {
	t.Helper()
	var n int
	withConn(t, p, func(ctx context.Context, conn *pgx.Conn) error { return conn.QueryRow(ctx, sql).Scan(&n) })
	return n
}

// execSQL runs sql on a fresh connection to p.
func execSQL(t *testing.T, p *Process, sql string) {
	t.Helper()
	withConn(t, p, func(ctx context.Context, conn *pgx.Conn) error {
		_, err := conn.Exec(ctx, sql)
		return err
	})
}

func withConn(t *testing.T, p *Process, fn func(context.Context, *pgx.Conn) error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, p.Conninfo())
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	defer conn.Close(ctx)
	if err := fn(ctx, conn); err != nil {
		t.Fatal(err)
	}
}

func TestProcessRestartKeepsData(t *testing.T) {
	p := New(t, Config{Args: []string{"--tiny-memory"}})
	if err := p.Start(); err != nil {
		t.Fatalf("%v\n%s", err, p.Log())
	}
	if p.PID() <= 0 {
		t.Errorf("PID of a running process = %d", p.PID())
	}
	if err := p.Start(); err == nil || !strings.Contains(err.Error(), "already running") {
		t.Errorf("second Start = %v, want already running", err)
	}
	execSQL(t, p, "CREATE TABLE t (k INT PRIMARY KEY)")
	execSQL(t, p, "INSERT INTO t VALUES (1), (2), (3)")
	if code, err := p.Stop(60 * time.Second); err != nil || code != 0 {
		t.Fatalf("Stop = %d, %v; want 0\n%s", code, err, p.Log())
	}
	if _, err := p.Stop(time.Second); err == nil {
		t.Error("Stop of a stopped process succeeded")
	}
	if err := p.Start(); err != nil {
		t.Fatalf("restart: %v\n%s", err, p.Log())
	}
	if n := queryInt(t, p, "SELECT count(*) FROM t"); n != 3 {
		t.Errorf("after restart count = %d, want 3", n)
	}
	p.Kill()
	p.Kill() // a second Kill is a no-op
	if p.PID() != 0 {
		t.Errorf("PID of a killed process = %d, want 0", p.PID())
	}
	if err := p.ping(); err == nil {
		t.Error("killed process still answers SQL")
	}
	if p.Log() == "" {
		t.Error("empty log after two runs")
	}
}

func TestProcessClusterInfo(t *testing.T) {
	p := New(t, Config{Name: "node1", Args: []string{"--tiny-memory"}})
	if err := p.Start(); err != nil {
		t.Fatalf("%v\n%s", err, p.Log())
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		info, err := p.ClusterInfo()
		if err == nil {
			err = info.Converged(1, 1)
		}
		if err == nil {
			if info.NodeID == 0 || len(info.Shards) == 0 {
				t.Errorf("view %+v: want a node id and shards", info)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("1-node cluster did not converge: %v", err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func TestStartReportsEarlyExit(t *testing.T) {
	p := New(t, Config{Name: "bad", Args: []string{"--no-such-flag"}})
	err := p.Start()
	if err == nil || !strings.Contains(err.Error(), "bad did not start: process exited") {
		t.Fatalf("Start with a bad flag = %v, want an early exit", err)
	}
	if !strings.Contains(p.Log(), "no-such-flag") {
		t.Errorf("log does not mention the bad flag:\n%s", p.Log())
	}
	if p.running() != nil {
		t.Error("failed process still running")
	}
}

func TestStartNeedsBinary(t *testing.T) {
	p, err := NewDetached(Config{Dir: t.TempDir(), Bin: "/nonexistent/quiver"})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Start(); err == nil || !strings.Contains(err.Error(), "starting quiver") {
		t.Errorf("Start of a missing binary = %v", err)
	}
	if _, err := NewDetached(Config{}); err == nil {
		t.Error("NewDetached without Dir succeeded")
	}
}

func TestProcessArgs(t *testing.T) {
	p := New(t, Config{Join: "127.0.0.1:1", Args: []string{"--tiny-memory"}, ConnectTimeout: 3})
	got := strings.Join(p.args(), " ")
	want := "start --data-dir " + p.DataDir + " --listen " + p.SQLAddr + " --raft-addr " + p.RaftAddr +
		" --rpc-addr " + p.RPCAddr + " --http-addr " + p.HTTPAddr + " --tiny-memory --join 127.0.0.1:1"
	if got != want {
		t.Errorf("args = %q, want %q", got, want)
	}
	if !strings.HasSuffix(p.Conninfo(), "connect_timeout=3") || !strings.Contains(p.Conninfo(), "dbname=postgres") {
		t.Errorf("Conninfo = %q", p.Conninfo())
	}
	seen := map[string]bool{}
	for _, a := range []string{p.SQLAddr, p.RaftAddr, p.RPCAddr, p.HTTPAddr} {
		if seen[a] || !strings.HasPrefix(a, "127.0.0.1:") {
			t.Errorf("address %q repeated or not loopback", a)
		}
		seen[a] = true
	}
}
