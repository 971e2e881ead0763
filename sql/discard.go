package sql

import (
	pg_query "github.com/pganalyze/pg_query_go/v5"
	"github.com/quiverdb/quiver/internal/pgerror"
)

// discardStmt is DISCARD ALL | PLANS | SEQUENCES | TEMP, which pooled
// connections (Npgsql, pgbouncer-style poolers) send when a connection
// is handed to a new user.
type discardStmt struct{ mode pg_query.DiscardMode }

func (*discardStmt) columns() []Column { return nil }

func bindDiscard(d *pg_query.DiscardStmt) (boundStmt, error) {
	return &discardStmt{mode: d.Target}, nil
}

// runDiscard resets session state as PostgreSQL's DISCARD does. ALL is
// CLOSE ALL, RESET ALL, DEALLOCATE ALL and DISCARD PLANS (Quiver has no
// temporary tables, sequences, listeners or advisory locks to drop) and
// cannot run inside a transaction block. PLANS makes every prepared
// statement bind and plan again at its next execution.
func (s *Session) runDiscard(st *discardStmt) (string, error) {
	switch st.mode {
	case pg_query.DiscardMode_DISCARD_ALL:
		if s.txn != 'I' || s.implicit {
			return "", pgerror.New(pgerror.ActiveSQLTransaction, "DISCARD ALL cannot run inside a transaction block")
		}
		if _, err := s.runCloseCursor(&closeCursorStmt{all: true}); err != nil {
			return "", err
		}
		s.vars.resetAll()
		clear(s.stmts)
		return "DISCARD ALL", nil
	case pg_query.DiscardMode_DISCARD_PLANS:
		for _, p := range s.stmts {
			p.version = 0
		}
		return "DISCARD PLANS", nil
	case pg_query.DiscardMode_DISCARD_SEQUENCES:
		return "DISCARD SEQUENCES", nil
	case pg_query.DiscardMode_DISCARD_TEMP:
		return "DISCARD TEMP", nil
	}
	return "", pgerror.AssertionFailedf("unknown DISCARD mode %v", st.mode)
}
