package quivertest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

// Start runs the binary, appending its output to LogPath, and waits until
// it answers SQL. On failure it kills the process; the error does not
// include the log (see Log).
func (p *Process) Start() error {
	if p.cfg.Bin == "" {
		return errors.New("quivertest: no quiver binary; call quivertest.Main from TestMain or set Config.Bin")
	}
	if p.running() != nil {
		return fmt.Errorf("%s is already running", p.Name)
	}
	r, err := p.launch()
	if err != nil {
		return fmt.Errorf("starting %s: %w", p.Name, err)
	}
	if err := p.waitReady(r); err != nil {
		p.Kill()
		return fmt.Errorf("%s did not start: %w", p.Name, err)
	}
	return nil
}

// launch starts the binary and the goroutine that waits for it.
func (p *Process) launch() (*run, error) {
	logf, err := os.OpenFile(p.LogPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, err
	}
	defer logf.Close()
	cmd := exec.Command(p.cfg.Bin, p.args()...)
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	r := &run{cmd: cmd, exited: make(chan struct{})}
	go func() {
		r.err = cmd.Wait()
		close(r.exited)
	}()
	p.mu.Lock()
	p.cur = r
	p.mu.Unlock()
	return r, nil
}

// running returns the current run if its process has not exited.
func (p *Process) running() *run {
	p.mu.Lock()
	r := p.cur
	p.mu.Unlock()
	if r == nil {
		return nil
	}
	select {
	case <-r.exited:
		return nil
	default:
		return r
	}
}

// waitReady polls until r answers a query, exits, or ReadyTimeout passes.
func (p *Process) waitReady(r *run) error {
	deadline := time.Now().Add(p.cfg.ReadyTimeout)
	err := errors.New("timed out")
	for time.Now().Before(deadline) {
		select {
		case <-r.exited:
			return fmt.Errorf("process exited: %v", r.err)
		default:
		}
		if err = p.ping(); err == nil {
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return err
}

// ping connects and runs SELECT 1.
func (p *Process) ping() error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, p.Conninfo())
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, "SELECT 1")
	return err
}

// Stop sends SIGTERM and returns the exit code. If the process does not
// exit within timeout it kills it and returns an error.
func (p *Process) Stop(timeout time.Duration) (int, error) {
	r := p.running()
	if r == nil {
		return 0, fmt.Errorf("%s is not running", p.Name)
	}
	if err := r.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return 0, fmt.Errorf("SIGTERM: %w", err)
	}
	select {
	case <-r.exited:
		return ExitCode(r.err), nil
	case <-time.After(timeout):
		p.Kill()
		return 0, fmt.Errorf("%s did not exit within %v of SIGTERM", p.Name, timeout)
	}
}

// Kill sends SIGKILL if the process runs and waits until it has exited.
// It does nothing before Start or after the process exited.
func (p *Process) Kill() {
	r := p.running()
	if r == nil {
		return
	}
	_ = r.cmd.Process.Kill()
	<-r.exited
}

// PID returns the operating-system id of the running process, or 0 when
// it does not run.
func (p *Process) PID() int {
	if r := p.running(); r != nil {
		return r.cmd.Process.Pid
	}
	return 0
}
