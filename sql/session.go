package sql

import (
	"context"
	"time"

	pg_query "github.com/pganalyze/pg_query_go/v5"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/meta"
)

func (s *Server) newSession(ctx context.Context, p SessionParams) (*Session, error) {
	user := p["user"]
	if user == "" {
		user = "postgres"
	}
	if user != "postgres" {
		return nil, pgerror.Newf(pgerror.InvalidAuthorizationSpec, "role \"%s\" does not exist", user)
	}
	db := p["database"]
	if db == "" {
		db = user
	}
	if s.cfg.Meta.State().DatabaseByName(db) == nil {
		return nil, pgerror.Newf(pgerror.InvalidCatalogName, "database \"%s\" does not exist", db)
	}
	return &Session{srv: s, userName: user, dbName: db, vars: newSessionVars(p, user), txn: 'I',
		stmts: map[string]*Prepared{}, cursors: map[string]*cursor{}}, nil
}

func (s *Session) parameterStatus() [][2]string {
	out := make([][2]string, 0, len(reportOrder))
	for _, name := range reportOrder {
		v, _ := s.vars.get(name)
		out = append(out, [2]string{varDefs[name].name, v})
	}
	return out
}

// getVar, setVar, database and user implement varReader.
func (s *Session) getVar(name string) (string, error) { return s.vars.get(name) }
func (s *Session) setVar(name, v string) error        { return s.vars.set(name, v) }
func (s *Session) database() string                   { return s.dbName }
func (s *Session) user() string                       { return s.userName }

// state returns the latest catalog and the session database's id.
func (s *Session) state() (*meta.State, uint32, error) {
	st := s.srv.cfg.Meta.State()
	db := st.DatabaseByName(s.dbName)
	if db == nil {
		return nil, 0, pgerror.Newf(pgerror.InvalidCatalogName, "database \"%s\" does not exist", s.dbName)
	}
	return st, db.ID, nil
}

// bindQuery parses and binds every statement of query.
func (s *Session) bindQuery(query string, paramTypes []types.T) ([]boundStmt, []types.T, uint64, error) {
	raws, err := parse(query)
	if err != nil {
		return nil, nil, 0, err
	}
	nodes := make([]*pg_query.Node, len(raws))
	for i, r := range raws {
		nodes[i] = r.node
	}
	return s.bindNodes(query, nodes, paramTypes)
}

// bindNodes binds parsed statements of query (for error positions) with
// the given parameter types (unknown ones inferred).
func (s *Session) bindNodes(query string, nodes []*pg_query.Node, paramTypes []types.T) ([]boundStmt, []types.T, uint64, error) {
	st, db, err := s.state()
	if err != nil {
		return nil, nil, 0, err
	}
	b := newBinder(newCatalogView(st, db), query, paramTypes, s, time.Now())
	var out []boundStmt
	for _, n := range nodes {
		bs, err := b.bind(n, db)
		if err != nil {
			return nil, nil, 0, err
		}
		out = append(out, bs)
	}
	ps, err := b.finishParams()
	return out, ps, st.Version, err
}

func (s *Session) execSimple(ctx context.Context, query string, w SimpleWriter) error {
	raws, err := parse(query)
	if err != nil {
		s.fail()
		return err
	}
	if len(raws) == 0 {
		return w.EmptyQuery()
	}
	s.implicit = len(raws) > 1 && s.txn == 'I'
	defer func() { s.implicit = false }()
	for _, r := range raws {
		if err := s.execOne(ctx, query, r, w); err != nil {
			s.fail()
			if s.txn == 'I' {
				s.endCursors(false /* commit */)
			}
			return err
		}
	}
	if s.txn == 'I' {
		s.endCursors(true /* commit */)
	}
	return nil
}

// fail moves an explicit transaction block into the failed state. Outside
// one (including the implicit block of a multi-statement query, which an
// error rolls back) the status stays 'I'; a BEGIN earlier in the same
// query string opened an explicit block, so the status is then 'E'.
func (s *Session) fail() {
	if s.txn == 'T' {
		s.txn = 'E'
	}
}

// execOne binds and runs one statement of a simple query. Each
// statement binds against the catalog as the previous ones left it.
func (s *Session) execOne(ctx context.Context, query string, r rawStmt, w SimpleWriter) error {
	st, db, err := s.state()
	if err != nil {
		return err
	}
	b := newBinder(newCatalogView(st, db), query, nil, s, time.Now())
	b.noParams = true
	bs, err := b.bind(r.node, db)
	if err == nil {
		_, err = b.finishParams()
	}
	if err != nil {
		if s.txn == 'E' && !isTxnEnd(r) {
			return abortedError()
		}
		return err
	}
	if err := s.checkTxnState(bs); err != nil {
		return err
	}
	if cols := bs.columns(); cols != nil {
		if err := w.RowDescription(cols); err != nil {
			return err
		}
	}
	tag, err := s.run(ctx, bs, nil, w)
	if err != nil {
		return err
	}
	for _, ps := range s.vars.drainChanged() {
		if err := w.ParameterStatus(ps[0], ps[1]); err != nil {
			return err
		}
	}
	return w.Complete(tag)
}

// isTxnEnd reports whether r may run in a failed transaction block:
// COMMIT, ROLLBACK or ROLLBACK TO SAVEPOINT.
func isTxnEnd(r rawStmt) bool {
	t := r.node.GetTransactionStmt()
	if t == nil {
		return false
	}
	switch t.Kind {
	case pg_query.TransactionStmtKind_TRANS_STMT_COMMIT, pg_query.TransactionStmtKind_TRANS_STMT_ROLLBACK,
		pg_query.TransactionStmtKind_TRANS_STMT_ROLLBACK_TO:
		return true
	}
	return false
}

func abortedError() error {
	return pgerror.New(pgerror.InFailedSQLTransaction, "current transaction is aborted, commands ignored until end of transaction block")
}

// checkTxnState rejects statements in a failed block (25P02) and writes
// inside an explicit block (not supported until MVCC).
func (s *Session) checkTxnState(bs boundStmt) error {
	if ex, ok := bs.(*executeStmt); ok {
		bs = ex.prep.stmt
	}
	_, isTxn := bs.(*txnStmt)
	if s.txn == 'E' {
		if t, ok := bs.(*txnStmt); ok {
			switch t.kind {
			case txnCommit, txnRollback, txnRollbackTo:
				return nil
			}
		}
		return abortedError()
	}
	if s.txn == 'T' && !isTxn {
		switch bs.(type) {
		case *insertStmt, *updateStmt, *deleteStmt, *ddlStmt:
			return pgerror.New(pgerror.FeatureNotSupported, "writes inside explicit transactions are not supported yet")
		}
	}
	return nil
}

// execTxn runs BEGIN, COMMIT, ROLLBACK and the savepoint statements.
func (s *Session) execTxn(t *txnStmt) (string, error) {
	switch t.kind {
	case txnBegin:
		if s.txn == 'I' {
			s.txn = 'T'
		}
		return "BEGIN", nil
	case txnCommit:
		failed := s.txn == 'E'
		s.endTxn(!failed)
		if failed {
			return "ROLLBACK", nil
		}
		return "COMMIT", nil
	case txnSavepoint, txnRelease, txnRollbackTo:
		return s.execSavepoint(t)
	}
	s.endTxn(false /* commit */)
	return "ROLLBACK", nil
}

func (s *Session) endTxn(commit bool) {
	s.txn = 'I'
	s.savepoints = s.savepoints[:0]
	s.endCursors(commit)
}

// execSavepoint runs SAVEPOINT, RELEASE and ROLLBACK TO. Writes inside
// a transaction block are refused until MVCC exists, so a savepoint has
// no data to restore: rolling back to one clears the failed state of
// the block, as PostgreSQL does, and forgets the savepoints after it.
func (s *Session) execSavepoint(t *txnStmt) (string, error) {
	if s.txn == 'I' {
		verb := map[txnKind]string{txnSavepoint: "SAVEPOINT", txnRelease: "RELEASE SAVEPOINT", txnRollbackTo: "ROLLBACK TO SAVEPOINT"}[t.kind]
		return "", pgerror.Newf(pgerror.NoActiveSQLTransaction, "%s can only be used in transaction blocks", verb)
	}
	if t.kind == txnSavepoint {
		s.savepoints = append(s.savepoints, t.savepoint)
		return "SAVEPOINT", nil
	}
	i := -1
	for j := len(s.savepoints) - 1; j >= 0; j-- {
		if s.savepoints[j] == t.savepoint {
			i = j
			break
		}
	}
	if i < 0 {
		return "", pgerror.Newf(pgerror.InvalidSavepointSpecification, "savepoint \"%s\" does not exist", t.savepoint)
	}
	if t.kind == txnRelease {
		s.savepoints = s.savepoints[:i]
		return "RELEASE", nil
	}
	s.savepoints = s.savepoints[:i+1]
	s.txn = 'T'
	return "ROLLBACK", nil
}

// sync ends the implicit transaction of an extended-protocol batch.
func (s *Session) sync() {
	if s.txn == 'I' {
		s.endCursors(true /* commit */)
	}
}

// close releases what the session holds.
func (s *Session) close() {
	for _, c := range s.cursors {
		c.run.release()
	}
	clear(s.cursors)
	clear(s.stmts)
}
