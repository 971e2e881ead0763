package e2e

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// countRows returns count(*) and sum(k) of table t.
func countRows(t *testing.T, s *server) (count, sum int64) {
	t.Helper()
	conn := s.connect(t)
	if err := conn.QueryRow(testCtx(t), "SELECT count(*), coalesce(sum(k), 0) FROM t").Scan(&count, &sum); err != nil {
		t.Fatalf("count: %v", err)
	}
	return count, sum
}

func TestRestartAfterSIGTERM(t *testing.T) {
	s := startServer(t)
	conn := s.connect(t)
	mustExec(t, conn, "CREATE TABLE t (k INT PRIMARY KEY, v TEXT)")
	const n = 200
	for i := 0; i < n; i += 50 {
		mustExec(t, conn, insertValues(i+1, i+50))
	}
	conn.Close(context.Background())
	if code := s.stop(); code != 0 {
		t.Fatalf("exit code after SIGTERM = %d, want 0\n%s", code, s.Log())
	}
	s.start()
	if count, sum := countRows(t, s); count != n || sum != n*(n+1)/2 {
		t.Errorf("after restart: count=%d sum=%d, want %d and %d", count, sum, n, n*(n+1)/2)
	}
	conn = s.connect(t)
	var v string
	if err := conn.QueryRow(testCtx(t), "SELECT v FROM t WHERE k = 123").Scan(&v); err != nil || v != "v123" {
		t.Errorf("row 123 after restart: %q, %v", v, err)
	}
	mustExec(t, conn, "INSERT INTO t VALUES (1000, 'after')")
}

func TestKill9KeepsAcknowledgedRows(t *testing.T) {
	s := startServer(t)
	conn := s.connect(t)
	mustExec(t, conn, "CREATE TABLE t (k INT PRIMARY KEY, v TEXT)")

	// Insert one row per statement; every INSERT that returned OK before
	// the kill is acknowledged.
	var acked atomic.Int64
	done := make(chan struct{})
	go func() {
		defer close(done)
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		for k := int64(1); ; k++ {
			if _, err := conn.Exec(ctx, "INSERT INTO t VALUES ($1, 'x')", k); err != nil {
				return
			}
			acked.Store(k)
		}
	}()
	deadline := time.Now().Add(30 * time.Second)
	for acked.Load() < 100 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	s.Kill()
	<-done
	n := acked.Load()
	if n == 0 {
		t.Fatalf("no INSERT was acknowledged before the kill\n%s", s.Log())
	}
	s.start()
	conn = s.connect(t)
	// Keys are 1..n and unique, so every acknowledged row is there exactly
	// when n of them are.
	var count int64
	if err := conn.QueryRow(testCtx(t), "SELECT count(*) FROM t WHERE k <= $1", n).Scan(&count); err != nil {
		t.Fatalf("count after kill -9: %v", err)
	}
	if count != n {
		t.Errorf("%d of %d acknowledged rows missing after kill -9 and restart", n-count, n)
	}
}

// insertValues is an INSERT of rows (k, 'v'||k) for k in [from, to].
func insertValues(from, to int) string {
	var b strings.Builder
	b.WriteString("INSERT INTO t VALUES ")
	for k := from; k <= to; k++ {
		if k > from {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "(%d, 'v%d')", k, k)
	}
	return b.String()
}
