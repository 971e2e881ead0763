package sql

import (
	"context"
	"fmt"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
)

// run executes a bound statement with its parameters and returns its
// command tag; rows go to w. statement_timeout bounds it.
func (s *Session) run(ctx context.Context, bs boundStmt, params []types.Datum, w ResultWriter) (string, error) {
	ctx, cancel := s.statementContext(ctx)
	defer cancel()
	tag, err := s.dispatch(ctx, bs, params, w)
	return tag, timedOut(ctx, err)
}

// dispatch runs bs by its kind.
func (s *Session) dispatch(ctx context.Context, bs boundStmt, params []types.Datum, w ResultWriter) (string, error) {
	switch st := bs.(type) {
	case *selectStmt:
		n, err := s.runSelect(ctx, st, params, func(rec arrow.Record) error { return w.Batch(rec) })
		return fmt.Sprintf("SELECT %d", n), err
	case *insertStmt:
		n, err := s.runInsert(ctx, st, params)
		return fmt.Sprintf("INSERT 0 %d", n), err
	case *updateStmt:
		n, err := s.runUpdate(ctx, st.table, st.filter, st.sets, params)
		return fmt.Sprintf("UPDATE %d", n), err
	case *deleteStmt:
		n, err := s.runUpdate(ctx, st.table, st.filter, nil, params)
		return fmt.Sprintf("DELETE %d", n), err
	case *ddlStmt:
		return st.tag, s.runDDL(ctx, st)
	case *setStmt:
		if st.resetCmd {
			return "RESET", s.runSet(st)
		}
		return "SET", s.runSet(st)
	case *showStmt:
		return "SHOW", s.runShow(st, w)
	case *showAllStmt:
		return "SHOW", s.runShowAll(w)
	case *txnStmt:
		return s.execTxn(st)
	case *copyStmt:
		return s.runCopy(ctx, st, params, w)
	case *prepareStmt:
		return "PREPARE", s.runPrepare(st)
	case *executeStmt:
		return s.runExecute(ctx, st, params, w)
	case *deallocateStmt:
		return s.runDeallocate(st)
	case *declareStmt:
		return "DECLARE CURSOR", s.runDeclare(ctx, st, params)
	case *fetchStmt:
		return s.runFetch(st, w)
	case *closeCursorStmt:
		return s.runCloseCursor(st)
	case *discardStmt:
		return s.runDiscard(st)
	case *explainStmt:
		return "EXPLAIN", s.runExplain(st, params, w)
	case *emptyStmt:
		return "", nil
	}
	return "", pgerror.AssertionFailedf("unknown bound statement %T", bs)
}

func (s *Session) runSet(st *setStmt) error {
	switch {
	case st.all:
		s.vars.resetAll()
		return nil
	case st.name == "":
		return nil
	case st.reset:
		return s.vars.reset(st.name)
	}
	return s.vars.set(st.name, st.value)
}

func (s *Session) runShow(st *showStmt, w ResultWriter) error {
	v, err := s.vars.get(st.name)
	if err != nil {
		return err
	}
	rec := recordOf([]types.T{types.TextType}, [][]types.Datum{{v}})
	defer rec.Release()
	return w.Batch(rec)
}
