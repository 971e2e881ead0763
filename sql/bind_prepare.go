package sql

import (
	"fmt"

	pg_query "github.com/pganalyze/pg_query_go/v5"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
)

// prepareStmt is SQL PREPARE name [(types)] AS statement. The statement
// is bound when PREPARE runs, as PostgreSQL analyses it then.
type prepareStmt struct {
	name  string
	query string // the whole query string, for error positions
	node  *pg_query.Node
	given []types.T // declared parameter types (unknown: inferred)
}

// executeStmt is SQL EXECUTE name [(args)]: args are already coerced to
// the prepared statement's parameter types.
type executeStmt struct {
	name string
	prep *Prepared
	args []*execpb.Expr
}

// deallocateStmt is DEALLOCATE [PREPARE] name | ALL.
type deallocateStmt struct {
	name string
	all  bool
}

func (*prepareStmt) columns() []Column    { return nil }
func (s *executeStmt) columns() []Column  { return s.prep.Columns }
func (*deallocateStmt) columns() []Column { return nil }

func (b *binder) bindPrepare(s *pg_query.PrepareStmt) (*prepareStmt, error) {
	given := make([]types.T, len(s.Argtypes))
	for i, n := range s.Argtypes {
		t, err := b.resolveTypeName(n.GetTypeName())
		if err != nil {
			return nil, err
		}
		given[i] = types.T{Family: t.Family} // parameters carry no modifiers
	}
	return &prepareStmt{name: s.Name, query: b.query, node: s.Query, given: given}, nil
}

// bindExecute resolves the prepared statement (so that EXECUTE describes
// its result columns) and binds the arguments as PostgreSQL's
// EvaluateParams does: assignment-coerced to the parameter types.
func (b *binder) bindExecute(s *pg_query.ExecuteStmt) (*executeStmt, error) {
	p, err := b.vars.statement(s.Name)
	if err != nil {
		return nil, err
	}
	if len(s.Params) != len(p.ParamTypes) {
		err := pgerror.Newf(pgerror.SyntaxError, "wrong number of parameters for prepared statement \"%s\"", s.Name)
		return nil, pgerror.WithDetail(err, fmt.Sprintf("Expected %d parameters but got %d.", len(p.ParamTypes), len(s.Params)))
	}
	args := make([]*execpb.Expr, len(s.Params))
	for i, n := range s.Params {
		if args[i], err = b.bindExecuteArg(n, i, p.ParamTypes[i]); err != nil {
			return nil, err
		}
	}
	return &executeStmt{name: s.Name, prep: p, args: args}, nil
}

func (b *binder) bindExecuteArg(n *pg_query.Node, i int, t types.T) (*execpb.Expr, error) {
	e, err := b.bindClause(n, &scope{}, "EXECUTE parameters", nil)
	if err != nil {
		return nil, err
	}
	loc := exprLoc(n)
	if !assignable(e.Type, t) {
		err := pgerror.Newf(pgerror.DatatypeMismatch, "parameter $%d of type %s cannot be coerced to the expected type %s", i+1, e.Type, t)
		return nil, b.errAt(pgerror.WithHint(err, "You will need to rewrite or cast the expression."), loc)
	}
	return b.coerce(e, t, loc)
}

func bindDeallocate(s *pg_query.DeallocateStmt) *deallocateStmt {
	return &deallocateStmt{name: s.Name, all: s.Name == ""}
}
