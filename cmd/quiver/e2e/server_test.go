package e2e

import (
	"context"
	"flag"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/quiverdb/quiver/cmd/quiver/internal/quivertest"
)

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
	return quivertest.Main(m)
}

// server is a quiver process the test started or, with -pg, a database on
// a PostgreSQL server the test did not start.
type server struct {
	*quivertest.Process // nil with -pg
	t                   *testing.T
	// external is the conninfo of a server the test did not start (-pg).
	external string
}

// startServer starts a new server and waits until it serves SQL.
func startServer(t *testing.T) *server {
	if *pgFlag != "" {
		t.Skip("needs a quiver process; -pg runs only the SQL tests")
	}
	s := &server{t: t, Process: quivertest.New(t, quivertest.Config{})}
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

// start runs the binary on the server's directory and ports and waits for
// its SQL port; the test's cleanup kills it if it is still running.
func (s *server) start() {
	s.t.Helper()
	if err := s.Start(); err != nil {
		s.t.Fatalf("%v\n%s", err, s.Log())
	}
}

func (s *server) conninfo() string {
	if s.external != "" {
		return s.external
	}
	return s.Conninfo()
}

// stop sends SIGTERM and returns the exit code, killing the process if it
// does not exit within a minute.
func (s *server) stop() int {
	s.t.Helper()
	code, err := s.Stop(60 * time.Second)
	if err != nil {
		s.t.Fatalf("%v\n%s", err, s.Log())
	}
	return code
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
