package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"
)

// demoNode is one child process of `quiver demo`.
type demoNode struct {
	dir, sql, raft, rpc, http string
	cmd                       *exec.Cmd
}

// demo starts a local cluster of child processes on free loopback
// ports, prints how to connect, and stops them on SIGINT or SIGTERM.
func demo(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("quiver demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	nodes := fs.Int("nodes", 3, "number of nodes")
	dir := fs.String("dir", "", "directory of the nodes' data directories and logs (default: a new temporary directory, removed at exit)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *nodes < 1 || *nodes > 9 {
		fmt.Fprintln(stderr, "quiver demo: --nodes must be between 1 and 9")
		return 2
	}
	root, cleanup, err := demoDir(*dir)
	if err != nil {
		fmt.Fprintln(stderr, "quiver demo:", err)
		return 1
	}
	defer cleanup()
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	procs, err := startDemo(ctx, root, *nodes)
	defer stopDemo(procs)
	if err != nil {
		fmt.Fprintln(stderr, "quiver demo:", err)
		return 1
	}
	printDemo(stdout, root, procs)
	<-ctx.Done()
	fmt.Fprintln(stdout, "stopping the cluster")
	return 0
}

func demoDir(dir string) (string, func(), error) {
	if dir != "" {
		return dir, func() {}, os.MkdirAll(dir, 0o755)
	}
	d, err := os.MkdirTemp("", "quiver-demo-")
	if err != nil {
		return "", nil, err
	}
	return d, func() { os.RemoveAll(d) }, nil
}

// startDemo starts n nodes, the 2nd.. joining the 1st, each once the
// one before serves SQL.
func startDemo(ctx context.Context, root string, n int) ([]*demoNode, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	var procs []*demoNode
	for i := 1; i <= n; i++ {
		d := &demoNode{dir: filepath.Join(root, fmt.Sprintf("node%d", i))}
		for _, a := range []*string{&d.sql, &d.raft, &d.rpc, &d.http} {
			if *a, err = freePort(); err != nil {
				return procs, err
			}
		}
		args := []string{"start", "--data-dir", d.dir, "--listen", d.sql, "--raft-addr", d.raft, "--rpc-addr", d.rpc, "--http-addr", d.http}
		if i > 1 {
			args = append(args, "--join", procs[0].rpc)
		}
		if err := d.start(self, args); err != nil {
			return procs, err
		}
		procs = append(procs, d)
		if err := waitListening(ctx, d.sql, 60*time.Second); err != nil {
			return procs, fmt.Errorf("node %d did not start (see %s): %w", i, d.logPath(), err)
		}
	}
	return procs, nil
}

func (d *demoNode) logPath() string { return d.dir + ".log" }

func (d *demoNode) start(bin string, args []string) error {
	if err := os.MkdirAll(filepath.Dir(d.dir), 0o755); err != nil {
		return err
	}
	logf, err := os.OpenFile(d.logPath(), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	defer logf.Close()
	d.cmd = exec.Command(bin, args...)
	d.cmd.Stdout, d.cmd.Stderr = logf, logf
	// Its own process group: the terminal's Ctrl-C reaches only us, and
	// we stop the children in order.
	d.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	return d.cmd.Start()
}

func freePort() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

func waitListening(ctx context.Context, addr string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			return nil
		}
		if time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func printDemo(w io.Writer, root string, procs []*demoNode) {
	fmt.Fprintf(w, "a local cluster of %d nodes is running (data and logs under %s)\n\n", len(procs), root)
	for i, d := range procs {
		host, port, _ := net.SplitHostPort(d.sql)
		fmt.Fprintf(w, "node %d: psql \"host=%s port=%s user=postgres dbname=postgres\"   rpc %s   http://%s/metrics\n",
			i+1, host, port, d.rpc, d.http)
	}
	fmt.Fprintln(w, "\nSELECT * FROM quiver_internal.nodes; shows the cluster. Press Ctrl-C to stop it.")
}

// stopDemo sends SIGTERM to every child, last first, and waits for each
// (SIGKILL after 30 s).
func stopDemo(procs []*demoNode) {
	for i := len(procs) - 1; i >= 0; i-- {
		d := procs[i]
		if d.cmd == nil || d.cmd.Process == nil {
			continue
		}
		_ = d.cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _ = d.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			_ = d.cmd.Process.Kill()
			<-done
		}
	}
}
