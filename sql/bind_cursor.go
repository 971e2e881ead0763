package sql

import (
	pg_query "github.com/pganalyze/pg_query_go/v5"
	"github.com/quiverdb/quiver/internal/pgerror"
)

// DECLARE's option bits (PostgreSQL's CURSOR_OPT_*).
const (
	cursorOptBinary = 0x1
	cursorOptScroll = 0x2
	cursorOptHold   = 0x20
)

// fetchAll is FETCH ALL's count (PostgreSQL's FETCH_ALL, LONG_MAX).
const fetchAll = int64(^uint64(0) >> 1)

// declareStmt is DECLARE name [NO SCROLL|SCROLL] CURSOR [WITH HOLD] FOR
// query.
type declareStmt struct {
	name   string
	query  *selectStmt
	hold   bool
	scroll bool
}

// fetchDir is a FETCH or MOVE direction.
type fetchDir uint8

const (
	fetchForward fetchDir = iota
	fetchBackward
	fetchAbsolute
	fetchRelative
)

// fetchStmt is FETCH or MOVE: count rows in direction dir (fetchAll for
// ALL); cols are the cursor's columns (nil for MOVE).
type fetchStmt struct {
	name  string
	dir   fetchDir
	count int64
	move  bool
	cols  []Column
}

// closeCursorStmt is CLOSE name | ALL.
type closeCursorStmt struct {
	name string
	all  bool
}

func (*declareStmt) columns() []Column     { return nil }
func (s *fetchStmt) columns() []Column     { return s.cols }
func (*closeCursorStmt) columns() []Column { return nil }

func (b *binder) bindDeclare(s *pg_query.DeclareCursorStmt) (*declareStmt, error) {
	if s.Options&cursorOptBinary != 0 {
		return nil, pgerror.New(pgerror.FeatureNotSupported, "binary cursors are not supported")
	}
	sel := s.Query.GetSelectStmt()
	if sel == nil {
		return nil, pgerror.New(pgerror.FeatureNotSupported, "DECLARE CURSOR supports only SELECT")
	}
	q, err := b.bindSelect(sel)
	if err != nil {
		return nil, err
	}
	return &declareStmt{name: s.Portalname, query: q, hold: s.Options&cursorOptHold != 0,
		scroll: s.Options&cursorOptScroll != 0}, nil
}

// bindFetch resolves the cursor (34000 when there is none) so that FETCH
// describes its rows.
func (b *binder) bindFetch(s *pg_query.FetchStmt) (*fetchStmt, error) {
	cols, err := b.vars.cursorColumns(s.Portalname)
	if err != nil {
		return nil, err
	}
	f := &fetchStmt{name: s.Portalname, count: s.HowMany, move: s.Ismove}
	switch s.Direction {
	case pg_query.FetchDirection_FETCH_BACKWARD:
		f.dir = fetchBackward
	case pg_query.FetchDirection_FETCH_ABSOLUTE:
		f.dir = fetchAbsolute
	case pg_query.FetchDirection_FETCH_RELATIVE:
		f.dir = fetchRelative
	}
	if !f.move {
		f.cols = cols
	}
	return f, nil
}

func bindCloseCursor(s *pg_query.ClosePortalStmt) *closeCursorStmt {
	return &closeCursorStmt{name: s.Portalname, all: s.Portalname == ""}
}
