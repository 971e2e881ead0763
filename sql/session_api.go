package sql

// This file is the contract between pgwire and sql: pgwire owns sockets and
// message formats, sql owns everything a statement means. The bodies
// are implemented in session.go, prepare.go and the exec_*.go files.

import (
	"context"

	"github.com/apache/arrow/go/v15/arrow"
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
}

// NewSession opens a session for a startup packet: an unknown database is
// 3D000 and an unknown role 28000.
func (s *Server) NewSession(ctx context.Context, p SessionParams) (*Session, error) {
	return s.newSession(ctx, p)
}

// ParameterStatus lists the variables reported at startup, in order.
func (s *Session) ParameterStatus() [][2]string { return s.parameterStatus() }

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
}

// Prepare parses and binds query. paramOIDs are the client's declared
// parameter types (0: infer). Several statements are 42601.
func (s *Session) Prepare(ctx context.Context, query string, paramOIDs []uint32) (*Prepared, error) {
	return s.prepare(ctx, query, paramOIDs)
}

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
func (s *Session) Close() {}
