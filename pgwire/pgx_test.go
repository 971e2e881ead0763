package pgwire

import (
	"context"
	"errors"
	"fmt"
	"net"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/quiverdb/quiver/internal/metrics"
)

// serveOnFreePort serves srv on a free loopback port until the test
// ends, then shuts it down and checks that Serve returned cleanly.
func serveOnFreePort(t *testing.T, srv *Server) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(ctx); err != nil {
			t.Error(err)
		}
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
	return ln.Addr().String()
}

// startFakeServer serves fake sessions on a free port until the test ends.
func startFakeServer(t *testing.T) string {
	return serveOnFreePort(t, newServer(openFake, Config{}))
}

func connectPgx(t *testing.T, addr string) *pgx.Conn {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, fmt.Sprintf("postgres://postgres@%s/postgres?sslmode=disable", addr))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close(context.Background()) })
	return conn
}

// TestPgx drives the server with pgx: extended protocol with binary
// results, cached statements, parameters, batches, simple protocol and
// errors.
func TestPgx(t *testing.T) {
	conn := connectPgx(t, startFakeServer(t))
	ctx := context.Background()
	if err := conn.Ping(ctx); err != nil {
		t.Fatal(err)
	}
	for range 2 { // the second run uses pgx's cached statement
		rows, err := conn.Query(ctx, "SELECT generate_series(1, 5)")
		if err != nil {
			t.Fatal(err)
		}
		got, err := pgx.CollectRows(rows, pgx.RowTo[int32])
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(got) != "[1 2 3 4 5]" {
			t.Fatalf("got %v", got)
		}
	}
	var a, b *string
	z := "z"
	if err := conn.QueryRow(ctx, "SELECT $1::text, $2::text", nil, z).Scan(&a, &b); err != nil {
		t.Fatal(err)
	}
	if a != nil || *b != "z" {
		t.Fatalf("got %v, %q", a, *b)
	}
	var pgErr *pgconn.PgError
	if _, err := conn.Exec(ctx, "SELECT 1/0"); !errors.As(err, &pgErr) || pgErr.Code != "22012" {
		t.Fatalf("got %v, want 22012", err)
	}
	var n int32
	err := conn.QueryRow(ctx, "SELECT 7", pgx.QueryExecModeSimpleProtocol).Scan(&n)
	if err != nil || n != 7 {
		t.Fatalf("simple protocol: %d, %v", n, err)
	}
}

// TestPgxBatch pipelines statements before one Sync; an error skips the
// rest of the batch.
func TestPgxBatch(t *testing.T) {
	conn := connectPgx(t, startFakeServer(t))
	ctx := context.Background()
	batch := &pgx.Batch{}
	batch.Queue("SELECT 1")
	batch.Queue("SELECT $1::text", "x")
	batch.Queue("SELECT generate_series(1, 4)")
	res := conn.SendBatch(ctx, batch)
	var one int32
	var x string
	if err := res.QueryRow().Scan(&one); err != nil || one != 1 {
		t.Fatalf("%d %v", one, err)
	}
	if err := res.QueryRow().Scan(&x); err != nil || x != "x" {
		t.Fatalf("%q %v", x, err)
	}
	rows, err := res.Query()
	if err != nil {
		t.Fatal(err)
	}
	got, err := pgx.CollectRows(rows, pgx.RowTo[int32])
	if err != nil || len(got) != 4 {
		t.Fatalf("%v %v", got, err)
	}
	if err := res.Close(); err != nil {
		t.Fatal(err)
	}

	batch = &pgx.Batch{}
	batch.Queue("SELECT 1/0")
	batch.Queue("SELECT 2")
	res = conn.SendBatch(ctx, batch)
	var pgErr *pgconn.PgError
	if _, err := res.Exec(); !errors.As(err, &pgErr) || pgErr.Code != "22012" {
		t.Fatalf("got %v, want 22012", err)
	}
	_ = res.Close()
	if err := conn.QueryRow(ctx, "SELECT 3").Scan(&one); err != nil || one != 3 {
		t.Fatalf("after failed batch: %d %v", one, err)
	}
}

// TestPgxCancel: a context deadline makes pgx send a CancelRequest; the
// statement ends with 57014 long before it would finish.
func TestPgxCancel(t *testing.T) {
	conn := connectPgx(t, startFakeServer(t))
	canceled := metrics.Errors.Value("57014")
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := conn.Exec(ctx, "SELECT pg_sleep(20)")
	if err == nil {
		t.Fatal("expected an error")
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("cancel took %v", d)
	}
	for deadline := time.Now().Add(5 * time.Second); metrics.Errors.Value("57014") == canceled; {
		if time.Now().After(deadline) {
			t.Fatal("the server did not cancel the statement")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
