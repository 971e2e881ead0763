package clienttest

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// target is a server a client program connects to: a quiver process the
// test started, or a fresh database on a PostgreSQL server.
type target struct {
	host, port, dbname string
	// log returns the server's log for failure messages ("" for PostgreSQL).
	log func() string
}

// forEachTarget runs fn against quiver and, when -pg or QUIVER_TEST_PG
// names one, against PostgreSQL. With -pg it runs only against PostgreSQL.
func forEachTarget(t *testing.T, fn func(t *testing.T, tg target, isPG bool)) {
	if *pgFlag != "" {
		t.Run("postgres", func(t *testing.T) { fn(t, pgTarget(t, *pgFlag), true) })
		return
	}
	if pg := os.Getenv("QUIVER_TEST_PG"); pg != "" {
		t.Run("postgres", func(t *testing.T) { fn(t, pgTarget(t, pg), true) })
	}
	t.Run("quiver", func(t *testing.T) { fn(t, quiverTarget(t), false) })
}

// pgTarget creates a fresh database on the PostgreSQL server conninfo
// names; the test's cleanup drops it.
func pgTarget(t *testing.T, conninfo string) target {
	t.Helper()
	cfg, err := pgx.ParseConfig(conninfo)
	if err != nil {
		t.Fatalf("parsing -pg conninfo: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	admin, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		t.Fatalf("connecting to PostgreSQL: %v", err)
	}
	db := "clienttest_" + strings.ToLower(regexp.MustCompile(`[^A-Za-z0-9]+`).ReplaceAllString(t.Name(), "_"))
	for _, sql := range []string{"DROP DATABASE IF EXISTS " + db + " WITH (FORCE)", "CREATE DATABASE " + db} {
		if _, err := admin.Exec(ctx, sql); err != nil {
			admin.Close(ctx)
			t.Fatalf("%s: %v", sql, err)
		}
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		_, _ = admin.Exec(ctx, "DROP DATABASE IF EXISTS "+db+" WITH (FORCE)")
		admin.Close(ctx)
	})
	return target{host: cfg.Host, port: strconv.Itoa(int(cfg.Port)), dbname: db, log: func() string { return "" }}
}

// quiverTarget starts the quiver binary on a fresh data directory and
// free loopback ports, waits until it answers SQL, and stops it (SIGKILL,
// then wait) in the test's cleanup.
func quiverTarget(t *testing.T) target {
	t.Helper()
	dir := t.TempDir()
	logPath := filepath.Join(dir, "quiver.log")
	logf, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	defer logf.Close()
	sqlAddr := freeAddr(t)
	cmd := exec.Command(quiverBin, "start", "--data-dir", filepath.Join(dir, "data"),
		"--listen", sqlAddr, "--raft-addr", freeAddr(t), "--rpc-addr", freeAddr(t), "--http-addr", freeAddr(t))
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting quiver: %v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-exited
	})
	host, port, _ := net.SplitHostPort(sqlAddr)
	tg := target{host: host, port: port, dbname: "postgres", log: func() string {
		b, _ := os.ReadFile(logPath)
		return string(b)
	}}
	if err := waitReady(tg, exited, 60*time.Second); err != nil {
		t.Fatalf("quiver did not start: %v\n%s", err, tg.log())
	}
	return tg
}

// waitReady polls until the target answers a query, the process exits or
// the timeout passes.
func waitReady(tg target, exited chan error, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	var err error
	for time.Now().Before(deadline) {
		select {
		case werr := <-exited:
			exited <- werr // let the cleanup's receive return
			return fmt.Errorf("process exited: %v", werr)
		default:
		}
		if err = ping(tg); err == nil {
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return err
}

func ping(tg target) error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, tg.conninfo())
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, "SELECT 1")
	return err
}

func (tg target) conninfo() string {
	return fmt.Sprintf("host=%s port=%s user=postgres dbname=%s sslmode=disable connect_timeout=5",
		tg.host, tg.port, tg.dbname)
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
