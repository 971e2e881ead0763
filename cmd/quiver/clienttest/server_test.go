package clienttest

import (
	"context"
	"net"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/quiverdb/quiver/cmd/quiver/internal/quivertest"
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
	p := quivertest.New(t, quivertest.Config{})
	if err := p.Start(); err != nil {
		t.Fatalf("%v\n%s", err, p.Log())
	}
	host, port, _ := net.SplitHostPort(p.SQLAddr)
	return target{host: host, port: port, dbname: "postgres", log: p.Log}
}
