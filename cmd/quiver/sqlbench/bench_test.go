package sqlbench

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

var (
	pgFlag = flag.String("pg", "",
		"also run every benchmark against this PostgreSQL conninfo and print quiver/postgresql ratios")
	scaleFlag = flag.Float64("scale", 1, "multiply the rows of every fill by this (e.g. 0.01 for a quick run)")
	fileFlag  = flag.String("file", "", "run only .bench files whose base name (without .bench) matches")
	nodesFlag = flag.String("nodes", "",
		"also run every benchmark against clusters of quiver processes of these sizes (e.g. 3 or 1,3), "+
			"named server=quiver-<N>node")
)

// benchDir holds the .bench files, relative to this package.
const benchDir = "../../../testdata/bench"

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	printSummary(os.Stdout)
	stopClusters()
	if err := stopNode(); err != nil {
		fmt.Fprintln(os.Stderr, "stopping node:", err)
		if code == 0 {
			code = 1
		}
	}
	os.Exit(code)
}

// server is a place to run benchmarks.
type server struct {
	name     string
	conninfo func() (string, error)
	// pids returns the processes whose CPU is the server's, given a
	// connection to it; nil or empty when unknown.
	pids func(conn *pgx.Conn) []int
}

func servers() ([]server, error) {
	ss := []server{{name: "quiver", conninfo: startNode, pids: func(*pgx.Conn) []int { return []int{os.Getpid()} }}}
	counts, err := parseNodes(*nodesFlag)
	if err != nil {
		return nil, err
	}
	for _, n := range counts {
		ss = append(ss, server{
			name:     fmt.Sprintf("quiver-%dnode", n),
			conninfo: func() (string, error) { return startCluster(n) },
			pids:     func(*pgx.Conn) []int { return clusterPIDs(n) },
		})
	}
	if *pgFlag != "" {
		pg := *pgFlag
		ss = append(ss, server{
			name:     "postgresql",
			conninfo: func() (string, error) { return pg, nil },
			pids:     postgresPIDs,
		})
	}
	return ss, nil
}

// parseNodes parses -nodes: a comma-separated list of cluster sizes.
func parseNodes(s string) ([]int, error) {
	var out []int
	for _, w := range strings.Split(s, ",") {
		if w = strings.TrimSpace(w); w == "" {
			continue
		}
		n, err := strconv.Atoi(w)
		if err != nil || n < 1 {
			return nil, fmt.Errorf("-nodes: %q is not a positive node count", w)
		}
		out = append(out, n)
	}
	return out, nil
}

// postgresPIDs returns the postmaster of conn's backend when it runs on
// this machine.
func postgresPIDs(conn *pgx.Conn) []int {
	var backend int
	if err := conn.QueryRow(context.Background(), "SELECT pg_backend_pid()").Scan(&backend); err != nil {
		return nil
	}
	if pm := postmasterPID(backend); pm != 0 {
		return []int{pm}
	}
	return nil
}

func BenchmarkSQL(b *testing.B) {
	ss, err := servers()
	if err != nil {
		b.Fatal(err)
	}
	for _, path := range benchFiles(b) {
		text, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		spec, err := ParseSpec(path, string(text))
		if err != nil {
			b.Fatal(err)
		}
		if *fileFlag != "" && spec.Name != *fileFlag {
			continue
		}
		for _, srv := range ss {
			b.Run(fmt.Sprintf("file=%s/server=%s", spec.Name, srv.name), func(b *testing.B) {
				benchSpec(b, spec, srv)
			})
		}
	}
}

// benchSpec loads spec into a fresh database and times its run statement.
func benchSpec(b *testing.B, spec *Spec, srv server) {
	conninfo, err := srv.conninfo()
	if err != nil {
		b.Fatalf("starting %s: %v", srv.name, err)
	}
	conn := freshDatabase(b, conninfo, "bench_"+spec.Name)
	ctx := context.Background()
	if err := load(ctx, conn, spec.Load); err != nil {
		b.Fatalf("load: %v", err)
	}
	it := newIteration(spec.Run)
	pids := srv.pids(conn)
	cpu0, cpuOK := totalCPU(pids)
	b.ReportAllocs()
	for b.Loop() {
		if err := it.exec(ctx, conn); err != nil {
			b.Fatalf("run: %v", err)
		}
	}
	cpu1, cpuOK1 := totalCPU(pids)
	rows := float64(spec.Run.Rows)
	if spec.Run.Repeat == 0 && spec.Run.Param == "" {
		// A scan's rows are the loaded rows, which -scale shrinks.
		rows *= *scaleFlag
	}
	smp := sample{
		nsPerOp:    float64(b.Elapsed().Nanoseconds()) / float64(b.N),
		rowsPerSec: rows * float64(b.N) / b.Elapsed().Seconds(),
		cpuPerOp:   -1,
	}
	b.ReportMetric(smp.rowsPerSec, "rows/s")
	if cpuOK && cpuOK1 {
		smp.cpuPerOp = (cpu1 - cpu0) * 1e9 / float64(b.N)
		b.ReportMetric(smp.cpuPerOp, "cpu-ns/op")
	}
	record(spec.Name, srv.name, smp)
}

// freshDatabase (re)creates db and connects to it; the benchmark's cleanup
// closes the connection and drops the database.
func freshDatabase(b *testing.B, conninfo, db string) *pgx.Conn {
	cfg, err := pgx.ParseConfig(conninfo)
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	admin, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		b.Fatal(err)
	}
	defer admin.Close(ctx)
	_, _ = admin.Exec(ctx, "DROP DATABASE IF EXISTS "+db)
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+db); err != nil {
		b.Fatal(err)
	}
	cfg.Database = db
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		conn.Close(ctx)
		if admin, err := pgx.ConnectConfig(ctx, withDatabase(cfg, "postgres")); err == nil {
			_, _ = admin.Exec(ctx, "DROP DATABASE IF EXISTS "+db)
			admin.Close(ctx)
		}
	})
	return conn
}

func withDatabase(cfg *pgx.ConnConfig, db string) *pgx.ConnConfig {
	c := cfg.Copy()
	c.Database = db
	return c
}

// load runs the load steps; fills are scaled by -scale.
func load(ctx context.Context, conn *pgx.Conn, steps []Step) error {
	exec := func(sql string) error {
		_, err := conn.Exec(ctx, sql)
		if err != nil {
			return fmt.Errorf("%.80s...: %w", sql, err)
		}
		return nil
	}
	for _, st := range steps {
		if st.Fill.Rows == 0 {
			if err := exec(st.SQL); err != nil {
				return err
			}
			continue
		}
		fill := st.Fill
		fill.Rows = max(1, int(float64(fill.Rows)**scaleFlag))
		if err := fill.Statements(exec); err != nil {
			return err
		}
	}
	return nil
}

// iteration produces and runs one timed statement after another.
type iteration struct {
	run  Run
	next int
	rng  *rand.Rand
}

func newIteration(r Run) *iteration {
	return &iteration{run: r, next: 1, rng: rand.New(rand.NewPCG(1, 2))}
}

func (it *iteration) exec(ctx context.Context, conn *pgx.Conn) error {
	var err error
	switch {
	case it.run.Repeat > 0:
		t := Template{Prefix: it.run.Prefix, Tuple: it.run.Tuple}
		_, err = conn.Exec(ctx, t.Statement(it.next, it.run.Repeat), pgx.QueryExecModeSimpleProtocol)
		it.next += it.run.Repeat
	case it.run.Param == "seq":
		err = drain(conn.Query(ctx, it.run.SQL, it.next))
		it.next++
	case it.run.Param == "rand":
		keys := max(1, int(float64(it.run.Keys)**scaleFlag))
		err = drain(conn.Query(ctx, it.run.SQL, 1+it.rng.IntN(keys)))
	default:
		err = drain(conn.Query(ctx, it.run.SQL))
	}
	return err
}

// drain reads every row of a query's result.
func drain(rows pgx.Rows, err error) error {
	if err != nil {
		return err
	}
	for rows.Next() {
	}
	rows.Close()
	return rows.Err()
}
