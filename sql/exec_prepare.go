package sql

import (
	"context"

	pg_query "github.com/pganalyze/pg_query_go/v5"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
)

// statement implements varReader: the prepared statement called name,
// or 26000.
func (s *Session) statement(name string) (*Prepared, error) {
	if p, ok := s.stmts[name]; ok {
		return p, nil
	}
	return nil, unknownStatement(name)
}

func unknownStatement(name string) error {
	if name == "" {
		return pgerror.New(pgerror.InvalidSQLStatementName, "unnamed prepared statement does not exist")
	}
	return pgerror.Newf(pgerror.InvalidSQLStatementName, "prepared statement \"%s\" does not exist", name)
}

func (s *Session) storeStatement(name string, p *Prepared) error {
	if _, ok := s.stmts[name]; ok && name != "" {
		return pgerror.Newf(pgerror.DuplicatePreparedStatement, "prepared statement \"%s\" already exists", name)
	}
	s.stmts[name] = p
	return nil
}

// prepareNode binds one parsed statement of query into a Prepared that
// binds node again when the catalog changes.
func (s *Session) prepareNode(query string, node *pg_query.Node, given []types.T) (*Prepared, error) {
	stmts, ps, version, err := s.bindNodes(query, []*pg_query.Node{node}, given)
	if err != nil {
		return nil, err
	}
	return &Prepared{ParamTypes: ps, Columns: stmts[0].columns(), query: query, stmt: stmts[0], version: version, node: node}, nil
}

func (s *Session) runPrepare(st *prepareStmt) error {
	p, err := s.prepareNode(st.query, st.node, st.given)
	if err != nil {
		return err
	}
	return s.storeStatement(st.name, p)
}

func (s *Session) runDeallocate(st *deallocateStmt) (string, error) {
	if st.all {
		clear(s.stmts)
		return "DEALLOCATE ALL", nil
	}
	if _, ok := s.stmts[st.name]; !ok {
		return "", unknownStatement(st.name)
	}
	delete(s.stmts, st.name)
	return "DEALLOCATE", nil
}

// executeTarget returns the statement an EXECUTE runs (bound again if
// the catalog changed) and its parameter values, computed from the
// EXECUTE's arguments under the outer statement's params.
func (s *Session) executeTarget(ctx context.Context, st *executeStmt, params []types.Datum) (boundStmt, []types.Datum, error) {
	inner := st.prep.stmt
	if s.srv.cfg.Meta.State().Version != st.prep.version {
		var err error
		if inner, err = s.rebind(st.prep); err != nil {
			return nil, nil, err
		}
	}
	args := append([]*execpb.Expr(nil), st.args...) // evalRow rewrites its slice
	vals, err := evalRow(ctx, args, params)
	if err != nil {
		return nil, nil, err
	}
	return inner, vals, nil
}

func (s *Session) runExecute(ctx context.Context, st *executeStmt, params []types.Datum, w ResultWriter) (string, error) {
	inner, vals, err := s.executeTarget(ctx, st, params)
	if err != nil {
		return "", err
	}
	return s.run(ctx, inner, vals, w)
}
