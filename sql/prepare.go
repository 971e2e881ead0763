package sql

import (
	"context"

	"github.com/apache/arrow/go/v15/arrow"
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
// must not change.
func (s *Session) rebind(p *Prepared) (boundStmt, error) {
	stmts, _, _, err := s.bindQuery(p.query, p.ParamTypes)
	if err != nil {
		return nil, err
	}
	if !sameColumns(stmts[0].columns(), p.Columns) {
		return nil, pgerror.New(pgerror.FeatureNotSupported, "cached plan must not change result type")
	}
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
	st, ok := p.stmt.(*selectStmt)
	if !ok {
		tag, err := s.run(ctx, p.stmt, p.params, discardWriter{})
		s.vars.drainChanged()
		return &portalRun{tag: tag}, err
	}
	run := &portalRun{}
	n, err := s.runSelect(ctx, st, p.params, func(rec arrow.Record) error {
		rec.Retain()
		run.recs = append(run.recs, rec)
		return nil
	})
	run.rows = n
	if err != nil {
		run.release()
		return nil, err
	}
	return run, nil
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
