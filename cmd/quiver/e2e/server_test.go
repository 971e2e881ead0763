package e2e

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// quiverBin is the binary TestMain builds.
var quiverBin string

var pgFlag = flag.String("pg", "", "run the SQL-only tests against this PostgreSQL conninfo "+
	"(to check their expectations) instead of a quiver process")

func TestMain(m *testing.M) {
	os.Exit(runMain(m))
}

func runMain(m *testing.M) int {
	flag.Parse()
	if *pgFlag != "" {
		return m.Run()
	}
	dir, err := os.MkdirTemp("", "quiver-e2e-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	quiverBin = filepath.Join(dir, "quiver")
	build := exec.Command("go", "build", "-o", quiverBin, "github.com/quiverdb/quiver/cmd/quiver")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building quiver:", err)
		return 1
	}
	return m.Run()
}

// server is one running quiver process.
type server struct {
	t                                    *testing.T
	dataDir, logPath                     string
	sqlAddr, raftAddr, rpcAddr, httpAddr string
	// external is the conninfo of a server the test did not start (-pg).
	external string
	cmd      *exec.Cmd
	exited   chan struct{}
	waitErr  error
}

// newServer picks a data directory and free ports; start runs it.
func newServer(t *testing.T) *server {
	t.Helper()
	s := &server{t: t, dataDir: filepath.Join(t.TempDir(), "data")}
	s.logPath = filepath.Join(t.TempDir(), "quiver.log")
	for _, a := range []*string{&s.sqlAddr, &s.raftAddr, &s.rpcAddr, &s.httpAddr} {
		*a = freeAddr(t)
	}
	return s
}

// startServer starts a new server and waits until it serves SQL.
func startServer(t *testing.T) *server {
	if *pgFlag != "" {
		t.Skip("needs a quiver process; -pg runs only the SQL tests")
	}
	s := newServer(t)
	s.start()
	return s
}

// sqlServer returns a server for tests that need only SQL: a new quiver
// process, or with -pg a fresh database on that PostgreSQL server.
func sqlServer(t *testing.T) *server {
	if *pgFlag == "" {
		return startServer(t)
	}
	cfg, err := pgx.ParseConfig(*pgFlag)
	if err != nil {
		t.Fatal(err)
	}
	db := "e2e_" + strings.ToLower(regexp.MustCompile(`[^A-Za-z0-9]+`).ReplaceAllString(t.Name(), "_"))
	admin := (&server{t: t, external: *pgFlag}).connect(t)
	mustExec(t, admin, "DROP DATABASE IF EXISTS "+db)
	mustExec(t, admin, "CREATE DATABASE "+db)
	t.Cleanup(func() { _, _ = admin.Exec(context.Background(), "DROP DATABASE IF EXISTS "+db+" WITH (FORCE)") })
	return &server{t: t, external: fmt.Sprintf("host=%s port=%d user=%s dbname=%s sslmode=disable",
		cfg.Host, cfg.Port, cfg.User, db)}
}

// freeAddr returns a loopback address whose port was free a moment ago.
func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// start runs the binary on the server's directory and ports and waits for
// its SQL port; the test's cleanup kills it if it is still running.
func (s *server) start() {
	s.t.Helper()
	logf, err := os.OpenFile(s.logPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		s.t.Fatal(err)
	}
	defer logf.Close()
	s.cmd = exec.Command(quiverBin, "start", "--data-dir", s.dataDir, "--listen", s.sqlAddr,
		"--raft-addr", s.raftAddr, "--rpc-addr", s.rpcAddr, "--http-addr", s.httpAddr)
	s.cmd.Stdout, s.cmd.Stderr = logf, logf
	if err := s.cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	s.exited = make(chan struct{})
	go func(cmd *exec.Cmd, exited chan struct{}) {
		s.waitErr = cmd.Wait()
		close(exited)
	}(s.cmd, s.exited)
	s.t.Cleanup(func() { s.kill() })
	if err := s.waitReady(60 * time.Second); err != nil {
		s.kill()
		s.t.Fatalf("quiver did not start: %v\n%s", err, s.log())
	}
}

// waitReady waits until the SQL port answers a query.
func (s *server) waitReady(timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	var err error
	for time.Now().Before(deadline) {
		select {
		case <-s.exited:
			return fmt.Errorf("process exited: %v", s.waitErr)
		default:
		}
		var conn *pgx.Conn
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		if conn, err = pgx.Connect(ctx, s.conninfo()); err == nil {
			conn.Close(ctx)
			cancel()
			return nil
		}
		cancel()
		time.Sleep(100 * time.Millisecond)
	}
	return err
}

func (s *server) conninfo() string {
	if s.external != "" {
		return s.external
	}
	host, port, _ := net.SplitHostPort(s.sqlAddr)
	return fmt.Sprintf("host=%s port=%s user=postgres dbname=postgres sslmode=disable connect_timeout=5", host, port)
}

func (s *server) log() string {
	b, _ := os.ReadFile(s.logPath)
	return string(b)
}

// stop sends SIGTERM and returns the exit code, killing the process if it
// does not exit within a minute.
func (s *server) stop() int {
	s.t.Helper()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		s.t.Fatalf("SIGTERM: %v", err)
	}
	select {
	case <-s.exited:
	case <-time.After(60 * time.Second):
		s.kill()
		s.t.Fatalf("quiver did not exit within 60s of SIGTERM\n%s", s.log())
	}
	return exitCode(s.waitErr)
}

// kill sends SIGKILL (if the process still runs) and waits for it.
func (s *server) kill() {
	if s.cmd == nil || s.exited == nil {
		return
	}
	select {
	case <-s.exited:
		return
	default:
	}
	_ = s.cmd.Process.Kill()
	<-s.exited
}

func exitCode(err error) int {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}

// connect opens a pgx connection the test's cleanup closes.
func (s *server) connect(t *testing.T) *pgx.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, s.conninfo())
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// testCtx bounds one test's statements.
func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// mustExec runs sql and fails the test on error.
func mustExec(t *testing.T, conn *pgx.Conn, sql string, args ...any) {
	t.Helper()
	if _, err := conn.Exec(testCtx(t), sql, args...); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}
