package pgwire

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/sql"
)

// fakeSession stands in for sql.Session in protocol tests. It understands
// a handful of statements, with PostgreSQL's results for them:
//
//	SELECT 1, 2                    one row of int4 literals
//	SELECT generate_series(1, n)   n int4 rows, sent in batches of 3
//	SELECT 'abc'                   one text row
//	SELECT $1::int4, $2::text      the bound parameters
//	SELECT 1/0                     22012
//	SELECT pg_sleep(n)             waits n seconds or until cancelled
//	BEGIN, COMMIT, ROLLBACK        transaction status
//	SET name = value               ParameterStatus for reported names
//
// Anything else is a syntax error.
type fakeSession struct {
	params  map[string]string
	txn     byte
	portals map[*sql.Portal]*fakePortal
	stmts   map[string]*sql.Prepared
}

func openFake(_ context.Context, p sql.SessionParams) (session, error) {
	if p["database"] != "postgres" {
		return nil, pgerror.Newf(pgerror.InvalidCatalogName, "database %q does not exist", p["database"])
	}
	return &fakeSession{
		params: map[string]string{
			"application_name": p["application_name"], "client_encoding": "UTF8",
			"DateStyle": "ISO, MDY", "server_version": "15.0",
			"standard_conforming_strings": "on",
		},
		txn:     'I',
		portals: map[*sql.Portal]*fakePortal{},
		stmts:   map[string]*sql.Prepared{},
	}, nil
}

func (s *fakeSession) Statement(name string) (*sql.Prepared, bool) {
	p, ok := s.stmts[name]
	return p, ok
}

func (s *fakeSession) StoreStatement(name string, p *sql.Prepared) error {
	if _, ok := s.stmts[name]; ok && name != "" {
		return pgerror.Newf(pgerror.DuplicatePreparedStatement, "prepared statement %q already exists", name)
	}
	s.stmts[name] = p
	return nil
}

func (s *fakeSession) CloseStatement(name string) { delete(s.stmts, name) }

var fakeReported = []string{"application_name", "client_encoding", "DateStyle", "server_version",
	"standard_conforming_strings"}

func (s *fakeSession) ParameterStatus() [][2]string {
	var out [][2]string
	for _, k := range fakeReported {
		out = append(out, [2]string{k, s.params[k]})
	}
	return out
}

func (s *fakeSession) TxnStatus() byte { return s.txn }

func (s *fakeSession) Location() *time.Location { return time.UTC }

// fakeStmt is a parsed statement of the fake language.
type fakeStmt struct {
	kind       string // "select", "begin", "commit", "rollback", "set", "sleep", "divzero"
	cols       []sql.Column
	values     [][]string // literal rows, before parameters
	paramTypes []types.T
	arg        string
	setName    string
}

var (
	reInts   = regexp.MustCompile(`^(?i)select\s+(-?\d+(\s*,\s*-?\d+)*)$`)
	reSeries = regexp.MustCompile(`^(?i)select\s+generate_series\(1,\s*(\d+)\)$`)
	reText   = regexp.MustCompile(`^(?i)select\s+'([^']*)'$`)
	reParams = regexp.MustCompile(`^(?i)select\s+(\$\d+::\w+(\s*,\s*\$\d+::\w+)*)$`)
	reSleep  = regexp.MustCompile(`^(?i)select\s+pg_sleep\((\d+(\.\d+)?)\)$`)
	reSet    = regexp.MustCompile(`^(?i)set\s+(\w+)\s*(=|to)\s*'?([^']*)'?$`)
)

func parseFake(q string) (*fakeStmt, error) {
	q = strings.TrimSpace(stripComments(q))
	switch {
	case reInts.MatchString(q):
		st := &fakeStmt{kind: "select"}
		var row []string
		for _, v := range strings.Split(reInts.FindStringSubmatch(q)[1], ",") {
			st.cols = append(st.cols, sql.Column{Name: "?column?", Type: types.Int4Type})
			row = append(row, strings.TrimSpace(v))
		}
		st.values = [][]string{row}
		return st, nil
	case reSeries.MatchString(q):
		n, _ := strconv.Atoi(reSeries.FindStringSubmatch(q)[1])
		st := &fakeStmt{kind: "select", cols: []sql.Column{{Name: "generate_series", Type: types.Int4Type}}}
		for i := 1; i <= n; i++ {
			st.values = append(st.values, []string{strconv.Itoa(i)})
		}
		return st, nil
	case reText.MatchString(q):
		return &fakeStmt{kind: "select", cols: []sql.Column{{Name: "?column?", Type: types.TextType}},
			values: [][]string{{reText.FindStringSubmatch(q)[1]}}}, nil
	case reParams.MatchString(q):
		return parseFakeParams(reParams.FindStringSubmatch(q)[1])
	case q == "SELECT 1/0":
		return &fakeStmt{kind: "divzero"}, nil
	case reSleep.MatchString(q):
		return &fakeStmt{kind: "sleep", arg: reSleep.FindStringSubmatch(q)[1],
			cols: []sql.Column{{Name: "pg_sleep", Type: types.TextType}}}, nil
	case strings.EqualFold(q, "begin"), strings.EqualFold(q, "commit"), strings.EqualFold(q, "rollback"):
		return &fakeStmt{kind: strings.ToLower(q)}, nil
	case reSet.MatchString(q):
		m := reSet.FindStringSubmatch(q)
		return &fakeStmt{kind: "set", setName: m[1], arg: m[3]}, nil
	}
	word, _, _ := strings.Cut(q, " ")
	return nil, pgerror.WithPosition(pgerror.Newf(pgerror.SyntaxError, "syntax error at or near %q", word), 1)
}

func parseFakeParams(list string) (*fakeStmt, error) {
	st := &fakeStmt{kind: "select"}
	for _, p := range strings.Split(list, ",") {
		typ := strings.Split(strings.TrimSpace(p), "::")[1]
		t := types.TextType
		if typ == "int4" {
			t = types.Int4Type
		}
		st.cols = append(st.cols, sql.Column{Name: typ, Type: t})
		st.paramTypes = append(st.paramTypes, t)
	}
	return st, nil
}

// stripComments removes -- comments.
func stripComments(q string) string {
	lines := strings.Split(q, "\n")
	for i, l := range lines {
		lines[i], _, _ = strings.Cut(l, "--")
	}
	return strings.Join(lines, "\n")
}

func (s *fakeSession) ExecSimple(ctx context.Context, query string, w sql.SimpleWriter) error {
	var stmts []*fakeStmt
	for _, q := range strings.Split(stripComments(query), ";") {
		if strings.TrimSpace(q) == "" {
			continue
		}
		st, err := parseFake(q)
		if err != nil {
			return err
		}
		stmts = append(stmts, st)
	}
	if len(stmts) == 0 {
		return w.EmptyQuery()
	}
	for _, st := range stmts {
		if err := s.runSimple(ctx, st, w); err != nil {
			if s.txn == 'T' {
				s.txn = 'E'
			}
			return err
		}
	}
	return nil
}

func (s *fakeSession) runSimple(ctx context.Context, st *fakeStmt, w sql.SimpleWriter) error {
	if s.txn == 'E' && st.kind != "commit" && st.kind != "rollback" {
		return pgerror.New(pgerror.InFailedSQLTransaction,
			"current transaction is aborted, commands ignored until end of transaction block")
	}
	switch st.kind {
	case "begin":
		s.txn = 'T'
		return w.Complete("BEGIN")
	case "commit", "rollback":
		tag := strings.ToUpper(st.kind)
		if s.txn == 'E' {
			tag = "ROLLBACK"
		}
		s.txn = 'I'
		return w.Complete(tag)
	case "divzero":
		return pgerror.New(pgerror.DivisionByZero, "division by zero")
	case "set":
		s.params[st.setName] = st.arg
		if err := w.ParameterStatus(st.setName, st.arg); err != nil {
			return err
		}
		return w.Complete("SET")
	}
	p, err := s.bind(st, nil)
	if err != nil {
		return err
	}
	if err := w.RowDescription(p.cols); err != nil {
		return err
	}
	tag, _, err := p.execute(ctx, w, 0)
	if err != nil {
		return err
	}
	return w.Complete(tag)
}

func (s *fakeSession) Prepare(_ context.Context, query string, oids []uint32) (*sql.Prepared, error) {
	if strings.Contains(strings.TrimRight(strings.TrimSpace(query), ";"), ";") {
		return nil, pgerror.New(pgerror.SyntaxError, "cannot insert multiple commands into a prepared statement")
	}
	q := strings.TrimRight(strings.TrimSpace(query), ";")
	if q == "" {
		return &sql.Prepared{Empty: true}, nil
	}
	st, err := parseFake(q)
	if err != nil {
		return nil, err
	}
	p := &sql.Prepared{ParamTypes: st.paramTypes, Columns: st.cols}
	fakeStmts.set(p, st)
	return p, nil
}

// fakeStmts maps the fake's prepared statements to their parse (sql.Prepared
// has no room for it); sessions of parallel tests share it.
var fakeStmts = syncMap[*sql.Prepared, *fakeStmt]{m: map[*sql.Prepared]*fakeStmt{}}

func (s *fakeSession) Bind(_ context.Context, p *sql.Prepared, params []types.Datum) (*sql.Portal, error) {
	fp, err := s.bind(fakeStmts.get(p), params)
	if err != nil {
		return nil, err
	}
	portal := &sql.Portal{Columns: fp.cols}
	s.portals[portal] = fp
	return portal, nil
}

func (s *fakeSession) Execute(ctx context.Context, p *sql.Portal, w sql.ResultWriter, maxRows int64) (string, bool, error) {
	fp, ok := s.portals[p]
	if !ok {
		return "", false, pgerror.AssertionFailedf("unknown portal")
	}
	tag, suspended, err := fp.execute(ctx, w, maxRows)
	if err != nil && s.txn == 'T' {
		s.txn = 'E'
	}
	if fp.st.kind == "begin" {
		s.txn = 'T'
	}
	return tag, suspended, err
}

func (s *fakeSession) ClosePortal(p *sql.Portal) { delete(s.portals, p) }
func (s *fakeSession) Sync()                     {}
func (s *fakeSession) Close()                    {}

// fakePortal is a bound fake statement and its progress.
type fakePortal struct {
	st   *fakeStmt
	cols []sql.Column
	rows [][]types.Datum
	pos  int
}

func (s *fakeSession) bind(st *fakeStmt, params []types.Datum) (*fakePortal, error) {
	fp := &fakePortal{st: st, cols: st.cols}
	if len(st.paramTypes) > 0 {
		fp.rows = [][]types.Datum{params}
		return fp, nil
	}
	for _, vals := range st.values {
		row := make([]types.Datum, len(vals))
		for i, v := range vals {
			if st.cols[i].Type.Family == types.Int4Family {
				n, _ := strconv.ParseInt(v, 10, 32)
				row[i] = n
			} else {
				row[i] = v
			}
		}
		fp.rows = append(fp.rows, row)
	}
	return fp, nil
}

func (fp *fakePortal) execute(ctx context.Context, w sql.ResultWriter, maxRows int64) (string, bool, error) {
	switch fp.st.kind {
	case "divzero":
		return "", false, pgerror.New(pgerror.DivisionByZero, "division by zero")
	case "sleep":
		d, _ := strconv.ParseFloat(fp.st.arg, 64)
		select {
		case <-time.After(time.Duration(d * float64(time.Second))):
		case <-ctx.Done():
			return "", false, ctx.Err()
		}
		fp.rows = [][]types.Datum{{""}}
	case "begin":
		return "BEGIN", false, nil
	}
	n := len(fp.rows) - fp.pos
	if maxRows > 0 && int64(n) > maxRows {
		n = int(maxRows)
	}
	for start := fp.pos; start < fp.pos+n; start += 3 {
		end := min(start+3, fp.pos+n)
		if err := writeFakeBatch(w, fp.cols, fp.rows[start:end]); err != nil {
			return "", false, err
		}
	}
	fp.pos += n
	if fp.pos < len(fp.rows) {
		return "", true, nil
	}
	return fmt.Sprintf("SELECT %d", n), false, nil
}

// writeFakeBatch sends rows as one Arrow record.
func writeFakeBatch(w sql.ResultWriter, cols []sql.Column, rows [][]types.Datum) error {
	fields := make([]arrow.Field, len(cols))
	for i, c := range cols {
		fields[i] = arrow.Field{Name: c.Name, Type: c.Type.ArrowType(), Nullable: true}
	}
	b := array.NewRecordBuilder(memory.DefaultAllocator, arrow.NewSchema(fields, nil))
	defer b.Release()
	for _, row := range rows {
		for i, d := range row {
			appendFake(b.Field(i), d)
		}
	}
	rec := b.NewRecord()
	defer rec.Release()
	return w.Batch(rec)
}

func appendFake(b array.Builder, d types.Datum) {
	switch v := d.(type) {
	case nil:
		b.AppendNull()
	case int64:
		b.(*array.Int32Builder).Append(int32(v))
	case string:
		b.(*array.StringBuilder).Append(v)
	}
}
