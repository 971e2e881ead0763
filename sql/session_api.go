package sql

// This file is the contract between pgwire and sql: pgwire owns sockets and
// message formats, sql owns everything a statement means. The bodies
// are implemented in session.go, prepare.go and the exec_*.go files.

import (
	"context"
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	pg_query "github.com/pganalyze/pg_query_go/v5"
	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/meta"
	"github.com/quiverdb/quiver/shard"
)

// Config wires a Server to its node.
type Config struct {
	Meta   meta.Service
	Shards shard.Service
	// NodeID seeds the hidden rowid generator (unique per node).
	NodeID uint64
}

// Server is a node's SQL layer; it opens sessions.
type Server struct {
	cfg   Config
	rowid rowidGen
}

// NewServer returns a Server over cfg.
func NewServer(cfg Config) *Server {
	s := &Server{cfg: cfg}
	s.rowid.init(cfg.NodeID)
	return s
}

// SessionParams are the startup packet's parameters (user, database,
// application_name, options, client_encoding, DateStyle, TimeZone, ...).
type SessionParams map[string]string

// Column describes one result column (a RowDescription field).
type Column struct {
	Name string
	Type types.T
	// TableOID and ColumnNum name the source table column, or 0.
	TableOID  uint32
	ColumnNum int16
}

// ResultWriter receives a statement's results. sql declares it; pgwire
// implements it.
type ResultWriter interface {
	// Batch sends rows; rec's columns match the statement's Columns.
	Batch(rec arrow.Record) error
}

// SimpleWriter receives the results of a simple-protocol Query string.
type SimpleWriter interface {
	ResultWriter
	// RowDescription precedes the rows of a statement that returns rows.
	RowDescription(cols []Column) error
	// Complete ends one statement with its command tag ("SELECT 3",
	// "INSERT 0 2", "CREATE TABLE", ...).
	Complete(tag string) error
	// EmptyQuery answers a query string with no statements.
	EmptyQuery() error
	// ParameterStatus reports a changed session variable (after SET).
	ParameterStatus(name, value string) error
}

// Session is one client connection's SQL state: variables, prepared
// statements' bindings and the transaction status.
type Session struct {
	srv      *Server
	userName string
	dbName   string
	vars     *sessionVars
	txn      byte
	// savepoints are the open savepoints of the transaction block,
	// innermost last.
	savepoints []string
	// stmts are the prepared statements by name, protocol-level (Parse)
	// and SQL-level (PREPARE) alike: one namespace, as in PostgreSQL.
	stmts map[string]*Prepared
	// cursors are the open SQL cursors (DECLARE) by name.
	cursors map[string]*cursor
	// implicit is set while a simple Query of several statements runs
	// outside a transaction block: they form an implicit block.
	implicit bool
}

// NewSession opens a session for a startup packet: an unknown database is
// 3D000 and an unknown role 28000.
func (s *Server) NewSession(ctx context.Context, p SessionParams) (*Session, error) {
	return s.newSession(ctx, p)
}

// ParameterStatus lists the variables reported at startup, in order.
func (s *Session) ParameterStatus() [][2]string { return s.parameterStatus() }

// Location is the session's TimeZone, in which timestamptz values are
// written as text (types.AppendTextIn) and zone-less text parameters of
// type timestamptz are read (types.ParseTextIn).
func (s *Session) Location() *time.Location {
	v, _ := s.vars.get("timezone")
	return timeZone(v)
}

// TxnStatus is ReadyForQuery's status byte: 'I', 'T' or 'E'.
func (s *Session) TxnStatus() byte { return s.txn }

// ExecSimple runs a simple-protocol Query string: every statement in
// turn, as one implicit transaction. A syntax error anywhere runs nothing.
// The first error stops the rest and is returned (pgwire sends it).
func (s *Session) ExecSimple(ctx context.Context, query string, w SimpleWriter) error {
	return s.execSimple(ctx, query, w)
}

// Prepared is a parsed and bound statement (extended protocol Parse).
type Prepared struct {
	// Empty is true for a query with no statement (EmptyQueryResponse).
	Empty bool
	// ParamTypes are the parameter types, given or inferred.
	ParamTypes []types.T
	// Columns are the result columns, nil when the statement returns none.
	Columns []Column

	query   string
	stmt    boundStmt
	version uint64
	// node is the statement to bind again when the catalog changes, for a
	// SQL PREPARE (whose query is the whole PREPARE's text); nil when
	// query holds exactly the statement.
	node *pg_query.Node
}

// Prepare parses and binds query. paramOIDs are the client's declared
// parameter types (0: infer). Several statements are 42601.
func (s *Session) Prepare(ctx context.Context, query string, paramOIDs []uint32) (*Prepared, error) {
	return s.prepare(ctx, query, paramOIDs)
}

// Statement returns the prepared statement called name ("" is the
// unnamed one), whether a Parse or a SQL PREPARE made it.
func (s *Session) Statement(name string) (*Prepared, bool) {
	p, ok := s.stmts[name]
	return p, ok
}

// StoreStatement names p. A named statement may not replace another
// (42P05, as PostgreSQL's StorePreparedStatement); the unnamed one is
// replaced.
func (s *Session) StoreStatement(name string, p *Prepared) error { return s.storeStatement(name, p) }

// CloseStatement drops the prepared statement called name, if any
// (protocol Close; SQL DEALLOCATE reports a missing name instead).
func (s *Session) CloseStatement(name string) { delete(s.stmts, name) }

// Portal is a prepared statement bound to parameter values.
type Portal struct {
	// Columns are the result columns, nil when the statement returns none.
	Columns []Column

	prep   *Prepared
	stmt   boundStmt
	params []types.Datum
	run    *portalRun
}

// Bind binds params (nil for NULL, else of p.ParamTypes) to p. If the
// catalog changed since Prepare and the result columns would differ, it
// fails with 0A000 "cached plan must not change result type".
func (s *Session) Bind(ctx context.Context, p *Prepared, params []types.Datum) (*Portal, error) {
	return s.bindPortal(ctx, p, params)
}

// Execute runs (or resumes) the portal, writing at most maxRows rows (0:
// all). It returns the command tag when the portal completed, or
// suspended=true when maxRows was reached first.
func (s *Session) Execute(ctx context.Context, p *Portal, w ResultWriter, maxRows int64) (tag string, suspended bool, err error) {
	return s.execute(ctx, p, w, maxRows)
}

// ClosePortal releases a portal's resources.
func (s *Session) ClosePortal(p *Portal) { p.close() }

// Sync ends an extended-protocol batch (implicit transaction end).
func (s *Session) Sync() { s.sync() }

// Close ends the session.
func (s *Session) Close() { s.close() }

// CopyInWriter is implemented by the ResultWriters that can run COPY FROM
// STDIN; sql finds it with a type assertion.
type CopyInWriter interface {
	// CopyInResponse asks the client for data: the overall format (0
	// text, 1 binary) and one format per column.
	CopyInResponse(format int16, colFormats []int16) error
	// ReadCopyData returns the payload of the client's next CopyData,
	// valid until the next call: io.EOF after CopyDone, a 57014 error
	// "COPY from stdin failed: ..." after CopyFail.
	ReadCopyData() ([]byte, error)
}

// CopyOutWriter is implemented by the ResultWriters that can run COPY TO
// STDOUT; sql finds it with a type assertion.
type CopyOutWriter interface {
	// CopyOutResponse starts the data: formats as in CopyInResponse.
	CopyOutResponse(format int16, colFormats []int16) error
	// CopyData sends one CopyData message; data may be reused afterwards.
	CopyData(data []byte) error
	// CopyDone ends the data.
	CopyDone() error
}
