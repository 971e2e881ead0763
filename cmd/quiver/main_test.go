package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// binary is the quiver binary TestMain builds.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "quiver-bin")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "quiver")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building quiver:", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func TestParseStart(t *testing.T) {
	for _, tc := range []struct {
		args []string
		env  map[string]string
		want string // listen, raft, rpc, http, data dir, join
	}{
		{nil, nil, "127.0.0.1:5433 127.0.0.1:7433 127.0.0.1:7434 127.0.0.1:8433 ./quiver-data []"},
		{nil, map[string]string{"QUIVER_LISTEN": "0.0.0.0:6000", "QUIVER_DATA_DIR": "/d", "QUIVER_JOIN": "a:1, b:2"},
			"0.0.0.0:6000 127.0.0.1:7433 127.0.0.1:7434 127.0.0.1:8433 /d [a:1 b:2]"},
		{[]string{"--listen", ":1", "--raft-addr=:2", "--rpc-addr", ":3", "--http-addr", ":4", "--data-dir", "x"},
			map[string]string{"QUIVER_LISTEN": "0.0.0.0:6000", "QUIVER_RAFT_ADDR": "e:2", "QUIVER_HTTP_ADDR": "e:4"},
			":1 :2 :3 :4 x []"},
	} {
		for _, name := range []string{"QUIVER_LISTEN", "QUIVER_RAFT_ADDR", "QUIVER_RPC_ADDR", "QUIVER_HTTP_ADDR", "QUIVER_DATA_DIR", "QUIVER_JOIN"} {
			t.Setenv(name, tc.env[name])
		}
		cfg, err := parseStart(tc.args, io.Discard)
		if err != nil {
			t.Fatalf("parseStart(%v): %v", tc.args, err)
		}
		got := fmt.Sprintf("%s %s %s %s %s %v", cfg.ListenAddr, cfg.RaftAddr, cfg.RPCAddr, cfg.HTTPAddr, cfg.DataDir, cfg.Join)
		if got != tc.want {
			t.Errorf("parseStart(%v, %v) = %s, want %s", tc.args, tc.env, got, tc.want)
		}
	}
	if _, err := parseStart([]string{"--nope"}, io.Discard); err == nil {
		t.Error("unknown flag accepted")
	}
	t.Setenv("QUIVER_REPLICAS", "5")
	if cfg, err := parseStart(nil, io.Discard); err != nil || cfg.Replicas != 5 {
		t.Errorf("QUIVER_REPLICAS=5: replicas %d, %v", cfg.Replicas, err)
	}
	if cfg, err := parseStart([]string{"--replicas", "1", "--tiny-memory"}, io.Discard); err != nil || cfg.Replicas != 1 || !cfg.TinyMemory {
		t.Errorf("--replicas 1 --tiny-memory: %+v, %v", cfg, err)
	}
}

func TestVersionAndUsage(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"version"}, &out, &errOut); code != 0 || !strings.HasPrefix(out.String(), "quiver ") {
		t.Fatalf("version: exit %d, %q", code, out.String())
	}
	if code := run([]string{"frobnicate"}, &out, &errOut); code != 2 || !strings.Contains(errOut.String(), "unknown command") {
		t.Fatalf("unknown command: exit %d, %q", code, errOut.String())
	}
}

// process is a running quiver binary.
type process struct {
	cmd      *exec.Cmd
	sqlAddr  string
	httpAddr string
	stderr   *bytes.Buffer
	done     chan error
}

var startedLine = regexp.MustCompile(`msg="quiver node started".* sql=(\S+) .* http=(\S+)`)

// startBinary runs `quiver start` over dir on free ports and waits for its
// start log line.
func startBinary(t *testing.T, dir string, extra ...string) *process {
	t.Helper()
	args := append([]string{"start", "--data-dir", dir, "--listen", "127.0.0.1:0", "--raft-addr", "127.0.0.1:0",
		"--rpc-addr", "127.0.0.1:0", "--http-addr", "127.0.0.1:0"}, extra...)
	cmd := exec.Command(binary, args...)
	pipe, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &process{cmd: cmd, stderr: &bytes.Buffer{}, done: make(chan error, 1)}
	addr := make(chan []string, 1)
	go func() {
		sc := bufio.NewScanner(pipe)
		for sc.Scan() {
			p.stderr.WriteString(sc.Text() + "\n")
			if m := startedLine.FindStringSubmatch(sc.Text()); m != nil {
				addr <- m[1:]
			}
		}
		p.done <- cmd.Wait()
	}()
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	select {
	case a := <-addr:
		p.sqlAddr, p.httpAddr = a[0], a[1]
		return p
	case err := <-p.done:
		t.Fatalf("quiver exited during start (%v):\n%s", err, p.stderr)
	case <-time.After(60 * time.Second):
		t.Fatalf("quiver did not start:\n%s", p.stderr)
	}
	return nil
}

// stop sends SIGTERM and checks the process exits 0 within a minute.
func (p *process) stop(t *testing.T) {
	t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-p.done:
		if err != nil {
			t.Fatalf("quiver exited with %v after SIGTERM:\n%s", err, p.stderr)
		}
	case <-time.After(time.Minute):
		t.Fatalf("quiver did not exit within a minute of SIGTERM:\n%s", p.stderr)
	}
}

func healthz(t *testing.T, addr string) string {
	t.Helper()
	resp, err := http.Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return fmt.Sprintf("%d %s", resp.StatusCode, strings.TrimSpace(string(b)))
}

// TestStartStopRestart runs the binary, stops it with SIGTERM, and
// restarts it over the same data directory.
func TestStartStopRestart(t *testing.T) {
	dir := t.TempDir()
	p := startBinary(t, dir)
	if got := healthz(t, p.httpAddr); got != "200 ok" {
		t.Fatalf("/healthz = %q", got)
	}
	execSQL(t, p.sqlAddr, "CREATE TABLE t (k int PRIMARY KEY, v text)")
	execSQL(t, p.sqlAddr, "INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')")
	p.stop(t)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	for _, want := range []string{"node.json", "raft", "pebble"} {
		if !slices.Contains(names, want) {
			t.Fatalf("data dir holds %v, no %s", names, want)
		}
	}

	p = startBinary(t, dir)
	if got := healthz(t, p.httpAddr); got != "200 ok" {
		t.Fatalf("/healthz after restart = %q", got)
	}
	if got := querySQL(t, p.sqlAddr, "SELECT count(*) FROM t"); got != "3" {
		t.Fatalf("rows after restart: %s, want 3", got)
	}
	p.stop(t)
}

func connect(t *testing.T, addr string) *pgx.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := pgx.Connect(ctx, "postgres://postgres@"+addr+"/postgres?sslmode=disable")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func execSQL(t *testing.T, addr, stmt string) {
	t.Helper()
	c := connect(t, addr)
	defer c.Close(context.Background())
	if _, err := c.Exec(context.Background(), stmt); err != nil {
		t.Fatalf("%s: %v", stmt, err)
	}
}

func querySQL(t *testing.T, addr, query string) string {
	t.Helper()
	c := connect(t, addr)
	defer c.Close(context.Background())
	var v any
	if err := c.QueryRow(context.Background(), query).Scan(&v); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return fmt.Sprint(v)
}

// TestStartJoinUnreachable joins a port nothing listens on: the start
// fails with a clear message within the join timeout, not a hang.
func TestStartJoinUnreachable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(binary, "start", "--data-dir", t.TempDir(), "--join", addr,
		"--listen", "127.0.0.1:0", "--raft-addr", "127.0.0.1:0", "--rpc-addr", "127.0.0.1:0", "--http-addr", "127.0.0.1:0")
	start := time.Now()
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 || !strings.Contains(string(out), "could not join the cluster through "+addr) {
		t.Fatalf("quiver start --join: %v\n%s", err, out)
	}
	if d := time.Since(start); d > 15*time.Second {
		t.Fatalf("quiver start --join of a closed port took %s", d)
	}
}
