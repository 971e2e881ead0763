package sqlbench

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

var (
	pgFlag = flag.String("pg", "",
		"also run every benchmark against this PostgreSQL conninfo and print quiver/postgresql ratios")
	scaleFlag = flag.Float64("scale", 1, "multiply the rows of every fill by this (e.g. 0.01 for a quick run)")
	fileFlag  = flag.String("file", "", "run only .bench files whose base name (without .bench) matches")
)

// benchDir holds the .bench files, relative to this package.
const benchDir = "../../../testdata/bench"

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	printRatios()
	if err := stopNode(); err != nil {
		fmt.Fprintln(os.Stderr, "stopping node:", err)
		if code == 0 {
			code = 1
		}
	}
	os.Exit(code)
}

// timings records ns/op by file and server for the ratio table.
var (
	timingsMu sync.Mutex
	timings   = map[string]map[string]float64{}
)

func record(file, server string, nsPerOp float64) {
	timingsMu.Lock()
	defer timingsMu.Unlock()
	if timings[file] == nil {
		timings[file] = map[string]float64{}
	}
	timings[file][server] = nsPerOp
}

func printRatios() {
	var files []string
	for f, m := range timings {
		if len(m) == 2 {
			files = append(files, f)
		}
	}
	if len(files) == 0 {
		return
	}
	sort.Strings(files)
	fmt.Printf("\n%-16s %14s %14s %8s\n", "file", "quiver ns/op", "postgres ns/op", "ratio")
	for _, f := range files {
		q, p := timings[f]["quiver"], timings[f]["postgresql"]
		fmt.Printf("%-16s %14.0f %14.0f %8.2f\n", f, q, p, q/p)
	}
}

// server is a place to run benchmarks.
type server struct {
	name     string
	conninfo func() (string, error)
}

func servers() []server {
	ss := []server{{name: "quiver", conninfo: startNode}}
	if *pgFlag != "" {
		pg := *pgFlag
		ss = append(ss, server{name: "postgresql", conninfo: func() (string, error) { return pg, nil }})
	}
	return ss
}

func BenchmarkSQL(b *testing.B) {
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
		for _, srv := range servers() {
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
	b.ReportAllocs()
	for b.Loop() {
		if err := it.exec(ctx, conn); err != nil {
			b.Fatalf("run: %v", err)
		}
	}
	rows := float64(spec.Run.Rows)
	if spec.Run.Repeat == 0 && spec.Run.Param == "" {
		// A scan's rows are the loaded rows, which -scale shrinks.
		rows *= *scaleFlag
	}
	b.ReportMetric(rows*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	record(spec.Name, srv.name, float64(b.Elapsed().Nanoseconds())/float64(b.N))
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
