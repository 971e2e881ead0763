package sql

import (
	"context"

	"github.com/apache/arrow/go/v15/arrow"
	pg_query "github.com/pganalyze/pg_query_go/v5"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
)

func (s *Session) prepare(ctx context.Context, query string, paramOIDs []uint32) (*Prepared, error) {
	given := make([]types.T, len(paramOIDs))
	for i, oid := range paramOIDs {
		if oid == 0 {
			continue
		}
		t, ok := types.FromOid(oid)
		if !ok {
			return nil, pgerror.Newf(pgerror.UndefinedObject, "type with OID %d does not exist", oid)
		}
		given[i] = t
	}
	if s.txn == 'E' {
		return nil, abortedError()
	}
	stmts, ps, version, err := s.bindQuery(query, given)
	if err != nil {
		s.fail()
		return nil, err
	}
	switch len(stmts) {
	case 0:
		return &Prepared{Empty: true, query: query, stmt: &emptyStmt{}}, nil
	case 1:
	default:
		return nil, pgerror.New(pgerror.SyntaxError, "cannot insert multiple commands into a prepared statement")
	}
	return &Prepared{ParamTypes: ps, Columns: stmts[0].columns(), query: query, stmt: stmts[0], version: version}, nil
}

func (s *Session) bindPortal(ctx context.Context, p *Prepared, params []types.Datum) (*Portal, error) {
	if s.txn == 'E' {
		return nil, abortedError()
	}
	if len(params) != len(p.ParamTypes) {
		return nil, pgerror.Newf(pgerror.ProtocolViolation, "bind message supplies %d parameters, but prepared statement requires %d", len(params), len(p.ParamTypes))
	}
	stmt := p.stmt
	if !p.Empty && s.srv.cfg.Meta.State().Version != p.version {
		var err error
		if stmt, err = s.rebind(p); err != nil {
			s.fail()
			return nil, err
		}
	}
	return &Portal{Columns: stmt.columns(), prep: p, stmt: stmt, params: params}, nil
}

// rebind binds p again against the current catalog; its result columns
// must not change. p keeps the new binding and the version it was bound
// at, so the next execution binds again only after the next change.
func (s *Session) rebind(p *Prepared) (boundStmt, error) {
	var stmts []boundStmt
	var version uint64
	var err error
	if p.node != nil {
		stmts, _, version, err = s.bindNodes(p.query, []*pg_query.Node{p.node}, p.ParamTypes)
	} else {
		stmts, _, version, err = s.bindQuery(p.query, p.ParamTypes)
	}
	if err != nil {
		return nil, err
	}
	if !sameColumns(stmts[0].columns(), p.Columns) {
		return nil, pgerror.New(pgerror.FeatureNotSupported, "cached plan must not change result type")
	}
	p.stmt, p.version = stmts[0], version
	return stmts[0], nil
}

func sameColumns(a, b []Column) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Name != b[i].Name || a[i].Type != b[i].Type {
			return false
		}
	}
	return true
}

// portalRun is a portal's execution: a query's buffered batches, or the
// tag of a completed statement.
type portalRun struct {
	recs []arrow.Record
	pos  int64 // rows of recs already sent, counting from the first
	sent int64
	tag  string
	rows int64
}

func (s *Session) execute(ctx context.Context, p *Portal, w ResultWriter, maxRows int64) (string, bool, error) {
	if s.txn == 'E' {
		if _, ok := p.stmt.(*txnStmt); !ok {
			return "", false, abortedError()
		}
	}
	if err := s.checkTxnState(p.stmt); err != nil {
		s.fail()
		return "", false, err
	}
	if cs, ok := p.stmt.(*copyStmt); ok && p.run == nil {
		return s.executeCopy(ctx, p, cs, w)
	}
	if p.run == nil {
		run, err := s.startPortal(ctx, p)
		if err != nil {
			s.fail()
			return "", false, err
		}
		p.run = run
	}
	return p.run.emit(w, maxRows)
}

func (s *Session) startPortal(ctx context.Context, p *Portal) (*portalRun, error) {
	stmt, params := p.stmt, p.params
	if ex, ok := stmt.(*executeStmt); ok {
		var err error
		if stmt, params, err = s.executeTarget(ctx, ex, params); err != nil {
			return nil, err
		}
	}
	if st, ok := stmt.(*selectStmt); ok {
		return s.materialize(ctx, st, params)
	}
	// Other statements with rows (SHOW, FETCH) keep theirs for emit.
	run := &portalRun{}
	tag, err := s.run(ctx, stmt, params, collectWriter{run})
	s.vars.drainChanged()
	if err != nil {
		run.release()
		return nil, err
	}
	run.tag = tag
	return run, nil
}

// collectWriter keeps the batches it receives in a portalRun.
type collectWriter struct{ run *portalRun }

func (c collectWriter) Batch(rec arrow.Record) error {
	rec.Retain()
	c.run.recs = append(c.run.recs, rec)
	c.run.rows += rec.NumRows()
	return nil
}

// emit sends up to maxRows (0: all) of the remaining rows.
func (r *portalRun) emit(w ResultWriter, maxRows int64) (string, bool, error) {
	for len(r.recs) > 0 {
		rec := r.recs[0]
		left := rec.NumRows() - r.pos
		take := left
		if maxRows > 0 && maxRows-r.sent < take {
			take = maxRows - r.sent
		}
		if take <= 0 {
			r.sent = 0
			return "", true, nil
		}
		part := rec.NewSlice(r.pos, r.pos+take)
		err := w.Batch(part)
		part.Release()
		if err != nil {
			return "", false, err
		}
		r.pos += take
		r.sent += take
		if r.pos == rec.NumRows() {
			rec.Release()
			r.recs, r.pos = r.recs[1:], 0
		}
	}
	if r.tag == "" {
		r.tag = "SELECT " + itoa(int(r.rows))
	}
	r.sent = 0
	return r.tag, false, nil
}

func (r *portalRun) release() {
	for _, rec := range r.recs {
		rec.Release()
	}
	r.recs = nil
}

func (p *Portal) close() {
	if p.run != nil {
		p.run.release()
	}
}

// discardWriter drops rows (statements without results).
type discardWriter struct{}

func (discardWriter) Batch(arrow.Record) error { return nil }
