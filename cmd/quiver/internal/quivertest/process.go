package quivertest

import (
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// Config describes a quiver process; the zero value of each field picks
// the default its comment names.
type Config struct {
	// Name appears in errors; default "quiver".
	Name string
	// Dir holds the data directory (Dir/data) and the log
	// (Dir/quiver.log). New defaults it to t.TempDir(); NewDetached
	// requires it.
	Dir string
	// Join is the --join list; "" bootstraps a new cluster.
	Join string
	// Args are extra flags for `quiver start`, e.g. "--tiny-memory".
	Args []string
	// Bin is the quiver binary; default the one Main built.
	Bin string
	// ConnectTimeout is Conninfo's connect_timeout in seconds; default 5.
	ConnectTimeout int
	// ReadyTimeout bounds Start's wait for SQL; default 60s.
	ReadyTimeout time.Duration
}

// Process is one quiver node: a data directory and four loopback
// addresses that stay the same across Start, Stop and Kill.
type Process struct {
	Name                                 string
	DataDir, LogPath                     string
	SQLAddr, RaftAddr, RPCAddr, HTTPAddr string

	cfg Config
	mu  sync.Mutex
	cur *run // the last process started; nil before Start
}

// run is one execution of the binary.
type run struct {
	cmd    *exec.Cmd
	exited chan struct{} // closed when Wait returned
	err    error         // Wait's error, set before exited closes
}

// New returns a process for t on free ports (not started yet). t's
// cleanup kills it.
func New(t testing.TB, cfg Config) *Process {
	t.Helper()
	if cfg.Dir == "" {
		cfg.Dir = t.TempDir()
	}
	p, err := NewDetached(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Kill)
	return p
}

// NewDetached is New for code that has no test to tie the process to
// (a cluster shared by benchmarks): the caller must Kill it.
func NewDetached(cfg Config) (*Process, error) {
	if cfg.Dir == "" {
		return nil, errors.New("quivertest: Config.Dir is required")
	}
	applyDefaults(&cfg)
	if err := os.MkdirAll(cfg.Dir, 0o755); err != nil {
		return nil, err
	}
	p := &Process{Name: cfg.Name, DataDir: filepath.Join(cfg.Dir, "data"),
		LogPath: filepath.Join(cfg.Dir, "quiver.log"), cfg: cfg}
	for _, a := range []*string{&p.SQLAddr, &p.RaftAddr, &p.RPCAddr, &p.HTTPAddr} {
		var err error
		if *a, err = FreeAddr(); err != nil {
			return nil, err
		}
	}
	return p, nil
}

func applyDefaults(cfg *Config) {
	if cfg.Name == "" {
		cfg.Name = "quiver"
	}
	if cfg.Bin == "" {
		cfg.Bin = Binary()
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = 5
	}
	if cfg.ReadyTimeout == 0 {
		cfg.ReadyTimeout = 60 * time.Second
	}
}

// Conninfo is the libpq conninfo of the process's SQL port (user and
// database postgres).
func (p *Process) Conninfo() string {
	host, port, _ := net.SplitHostPort(p.SQLAddr)
	return fmt.Sprintf("host=%s port=%s user=postgres dbname=postgres sslmode=disable connect_timeout=%d",
		host, port, p.cfg.ConnectTimeout)
}

// Log returns what the process has written to stdout and stderr so far,
// over all its runs.
func (p *Process) Log() string {
	b, _ := os.ReadFile(p.LogPath)
	return string(b)
}

// args is the command line of `quiver start`.
func (p *Process) args() []string {
	args := []string{"start", "--data-dir", p.DataDir, "--listen", p.SQLAddr,
		"--raft-addr", p.RaftAddr, "--rpc-addr", p.RPCAddr, "--http-addr", p.HTTPAddr}
	args = append(args, p.cfg.Args...)
	if p.cfg.Join != "" {
		args = append(args, "--join", p.cfg.Join)
	}
	return args
}
