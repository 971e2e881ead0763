package logictest

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"regexp"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Runner runs logic test files against one server.
type Runner struct {
	// Conninfo reaches the server's administrative database; each file
	// runs in a fresh database created through it.
	Conninfo string
	// Engine is the name that skipif/onlyif match (quiver or postgresql);
	// Aliases are further names it answers to.
	Engine  string
	Aliases []string
	// Timeout bounds each record (default 30s).
	Timeout time.Duration
	// Rewrite makes Run return the file with the actual results in place of
	// the expected ones.
	Rewrite bool
}

// Failure is one record whose outcome differs from the file.
type Failure struct {
	Path     string
	Line     int
	SQL      string
	Expected string
	Actual   string
}

func (f Failure) String() string {
	return fmt.Sprintf("%s:%d:\nSQL:\n%s\nexpected:\n%s\nactual:\n%s\n",
		f.Path, f.Line, indent(f.SQL), indent(f.Expected), indent(f.Actual))
}

func indent(s string) string { return "    " + strings.ReplaceAll(s, "\n", "\n    ") }

// FileResult is what running one file gave.
type FileResult struct {
	// Records counts statements and queries that ran; Passed those that
	// behaved as expected; Skipped those whose guards excluded them.
	Records, Passed, Skipped int
	Failures                 []Failure
	// Lines is the rewritten file (with Rewrite).
	Lines []string
}

// fileRun is the state of one file's run.
type fileRun struct {
	r         *Runner
	f         *File
	cfg       *pgx.ConnConfig
	conn      *pgx.Conn
	threshold int
	labels    map[string]string
	edits     []edit
	res       *FileResult
}

// edit replaces the lines [start, end) of a file (for -rewrite).
type edit struct {
	start, end int
	lines      []string
}

// Run runs f in a fresh database. The returned error is about the harness
// or the server's reachability, never about a record.
func (r *Runner) Run(ctx context.Context, f *File) (*FileResult, error) {
	cfg, err := pgx.ParseConfig(r.Conninfo)
	if err != nil {
		return nil, err
	}
	cfg.DefaultQueryExecMode = pgx.QueryExecModeSimpleProtocol
	db := DatabaseName(f.Path)
	if err := r.createDatabase(ctx, cfg, db); err != nil {
		return nil, err
	}
	defer r.dropDatabase(cfg, db)
	cfg.Database = db
	run := &fileRun{r: r, f: f, cfg: cfg, labels: map[string]string{}, res: &FileResult{}}
	defer run.close()
	if err := run.connect(ctx); err != nil {
		return nil, err
	}
	run.records(ctx)
	if r.Rewrite {
		run.res.Lines = applyEdits(f.Lines, run.edits)
	}
	return run.res, nil
}

var nonIdentRE = regexp.MustCompile(`[^a-z0-9]+`)

// DatabaseName is the database a file runs in: a readable, unique name
// derived from its path.
func DatabaseName(path string) string {
	h := fnv.New32a()
	h.Write([]byte(path))
	base := nonIdentRE.ReplaceAllString(strings.ToLower(path), "_")
	if len(base) > 40 {
		base = base[len(base)-40:]
	}
	return fmt.Sprintf("lt_%08x_%s", h.Sum32(), strings.Trim(base, "_"))
}

func (r *Runner) adminExec(ctx context.Context, cfg *pgx.ConnConfig, sql string) error {
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	_, err = conn.Exec(ctx, sql)
	return err
}

func (r *Runner) createDatabase(ctx context.Context, cfg *pgx.ConnConfig, db string) error {
	ctx, cancel := context.WithTimeout(ctx, r.timeout())
	defer cancel()
	// A database left by an interrupted run is dropped first; a server
	// without DROP DATABASE IF EXISTS starts from an empty cluster anyway.
	_ = r.adminExec(ctx, cfg, "DROP DATABASE IF EXISTS "+db)
	if err := r.adminExec(ctx, cfg, "CREATE DATABASE "+db); err != nil {
		return fmt.Errorf("CREATE DATABASE %s: %w", db, err)
	}
	return nil
}

// dropDatabase removes a file's database; failure only leaves it behind.
func (r *Runner) dropDatabase(cfg *pgx.ConnConfig, db string) {
	ctx, cancel := context.WithTimeout(context.Background(), r.timeout())
	defer cancel()
	_ = r.adminExec(ctx, cfg, "DROP DATABASE IF EXISTS "+db)
}

func (r *Runner) timeout() time.Duration {
	if r.Timeout > 0 {
		return r.Timeout
	}
	return 30 * time.Second
}

func (run *fileRun) connect(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, run.r.timeout())
	defer cancel()
	conn, err := pgx.ConnectConfig(ctx, run.cfg)
	if err != nil {
		return fmt.Errorf("connect to %s: %w", run.cfg.Database, err)
	}
	run.conn = conn
	return nil
}

func (run *fileRun) close() {
	if run.conn != nil {
		run.conn.Close(context.Background())
		run.conn = nil
	}
}

// records runs every record in order until the end or a halt.
func (run *fileRun) records(ctx context.Context) {
	for i := range run.f.Records {
		rec := &run.f.Records[i]
		if !rec.Applies(run.r.Engine, run.r.Aliases...) {
			if rec.Kind == KindStatement || rec.Kind == KindQuery {
				run.res.Skipped++
			}
			continue
		}
		switch rec.Kind {
		case KindHalt:
			return
		case KindHashThreshold:
			run.threshold = rec.Threshold
			continue
		}
		if ctx.Err() != nil {
			return
		}
		run.res.Records++
		if run.record(ctx, rec) {
			run.res.Passed++
		}
		if run.conn == nil || run.conn.IsClosed() {
			run.reconnect(ctx, rec)
		}
	}
}

// reconnect replaces a connection the server closed, so later records
// still run; failing to do so fails the record that broke it.
func (run *fileRun) reconnect(ctx context.Context, rec *Record) {
	run.close()
	if err := run.connect(ctx); err != nil {
		run.fail(rec, "a working connection", "reconnect failed: "+err.Error())
	}
}

func (run *fileRun) fail(rec *Record, expected, actual string) {
	run.res.Failures = append(run.res.Failures, Failure{
		Path: run.f.Path, Line: rec.Line, SQL: rec.SQL, Expected: expected, Actual: actual,
	})
}

// record runs one statement or query and reports whether it passed.
func (run *fileRun) record(ctx context.Context, rec *Record) bool {
	ctx, cancel := context.WithTimeout(ctx, run.r.timeout())
	defer cancel()
	if rec.Kind == KindQuery {
		return run.query(ctx, rec)
	}
	_, err := run.conn.Exec(ctx, rec.SQL)
	return run.checkError(rec, err)
}

// checkError compares a statement's error with the record's expectation.
func (run *fileRun) checkError(rec *Record, err error) bool {
	want := describeExpectedError(rec)
	if !rec.ExpectError {
		if err != nil {
			run.fail(rec, want, DescribeError(err))
			return false
		}
		return true
	}
	if err == nil {
		run.fail(rec, want, "success")
		return false
	}
	var pgErr *pgconn.PgError
	ok := errors.As(err, &pgErr) &&
		(rec.ErrCode == "" || pgErr.Code == rec.ErrCode) &&
		(rec.ErrRegex == nil || rec.ErrRegex.MatchString(pgErr.Message))
	if !ok {
		run.fail(rec, want, DescribeError(err))
	}
	return ok
}

func describeExpectedError(rec *Record) string {
	if !rec.ExpectError {
		return "success"
	}
	s := "error"
	if rec.ErrCode != "" {
		s += " " + rec.ErrCode
	}
	if rec.ErrRegex != nil {
		s += " matching /" + rec.ErrRegex.String() + "/"
	}
	return s
}

// DescribeError prints an error with its SQLSTATE when it has one.
func DescribeError(err error) string {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return fmt.Sprintf("error %s: %s", pgErr.Code, pgErr.Message)
	}
	return "error: " + err.Error()
}
