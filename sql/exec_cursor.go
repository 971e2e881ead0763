package sql

import (
	"context"
	"fmt"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
)

// cursor is an open SQL cursor. Its query runs when DECLARE does and its
// rows are kept until CLOSE or the end of the transaction, so WITH HOLD
// costs nothing more. It scans forward only.
type cursor struct {
	cols  []Column
	run   *portalRun
	total int64
	// pos is the position: 0 before the first row, k on row k, total+1
	// after the last.
	pos    int64
	hold   bool
	scroll bool
	// inTxn marks a cursor declared in the current transaction: a
	// rollback drops it even WITH HOLD.
	inTxn bool
}

// cursorColumns implements varReader: the columns of cursor name, or
// 34000.
func (s *Session) cursorColumns(name string) ([]Column, error) {
	c, err := s.cursor(name)
	if err != nil {
		return nil, err
	}
	return c.cols, nil
}

func (s *Session) cursor(name string) (*cursor, error) {
	if c, ok := s.cursors[name]; ok {
		return c, nil
	}
	return nil, unknownCursor(name)
}

func unknownCursor(name string) error {
	return pgerror.Newf(pgerror.InvalidCursorName, "cursor \"%s\" does not exist", name)
}

func (s *Session) runDeclare(ctx context.Context, st *declareStmt, params []types.Datum) error {
	if !st.hold && s.txn != 'T' && !s.implicit {
		return pgerror.New(pgerror.NoActiveSQLTransaction, "DECLARE CURSOR can only be used in transaction blocks")
	}
	if _, ok := s.cursors[st.name]; ok {
		return pgerror.Newf(pgerror.DuplicateCursor, "cursor \"%s\" already exists", st.name)
	}
	run, err := s.materialize(ctx, st.query, params)
	if err != nil {
		return err
	}
	s.cursors[st.name] = &cursor{cols: st.query.cols, run: run, total: run.rows, hold: st.hold, scroll: st.scroll, inTxn: true}
	return nil
}

// materialize runs a query into a portalRun holding all its rows.
func (s *Session) materialize(ctx context.Context, st *selectStmt, params []types.Datum) (*portalRun, error) {
	run := &portalRun{}
	n, err := s.runSelect(ctx, st, params, func(rec arrow.Record) error {
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

// runFetch runs FETCH or MOVE and returns its tag ("FETCH n", "MOVE n").
func (s *Session) runFetch(st *fetchStmt, w ResultWriter) (string, error) {
	c, err := s.cursor(st.name)
	if err != nil {
		return "", err
	}
	if st.move {
		w = discardWriter{}
	}
	n, err := c.fetch(st.dir, st.count, w)
	if err != nil {
		return "", err
	}
	verb := "FETCH"
	if st.move {
		verb = "MOVE"
	}
	return fmt.Sprintf("%s %d", verb, n), nil
}

// fetch moves the cursor and sends the rows it lands on to w; it returns
// their number.
func (c *cursor) fetch(dir fetchDir, count int64, w ResultWriter) (int64, error) {
	if dir == fetchForward && count < 0 {
		dir, count = fetchBackward, -count
	}
	switch dir {
	case fetchForward:
		if count == 0 {
			return c.current()
		}
		return c.forward(w, count)
	case fetchAbsolute:
		if count < 0 {
			count += c.total + 1
		}
		return c.toRow(w, count)
	case fetchRelative:
		if count < 0 {
			return 0, c.backwardError()
		}
		if count == 0 {
			return c.current()
		}
		return c.toRow(w, min(c.pos, c.total+1)+count)
	}
	if count == 0 {
		return c.current()
	}
	return 0, c.backwardError()
}

// toRow positions the cursor on row k (ahead of it) and sends that row.
func (c *cursor) toRow(w ResultWriter, k int64) (int64, error) {
	switch {
	case k == c.pos:
		return c.current()
	case k < c.pos:
		return 0, c.backwardError()
	}
	if _, err := c.forward(discardWriter{}, k-c.pos-1); err != nil {
		return 0, err
	}
	return c.forward(w, 1)
}

// forward sends the next n rows (fewer at the end) to w.
func (c *cursor) forward(w ResultWriter, n int64) (int64, error) {
	if n <= 0 || c.pos > c.total {
		return 0, nil
	}
	limit := n
	if n >= c.total-c.pos {
		limit = 0 // all that remain
	}
	cw := &countingWriter{w: w}
	if _, _, err := c.run.emit(cw, limit); err != nil {
		return cw.n, err
	}
	c.pos += cw.n
	if cw.n < n {
		c.pos = c.total + 1
	}
	return cw.n, nil
}

// current answers a fetch of the current row, which a forward-only
// cursor can only do when it is on no row.
func (c *cursor) current() (int64, error) {
	if c.pos == 0 || c.pos > c.total {
		return 0, nil
	}
	return 0, pgerror.New(pgerror.FeatureNotSupported, "fetching the current row of a cursor again is not supported")
}

func (c *cursor) backwardError() error {
	if c.scroll {
		return pgerror.New(pgerror.FeatureNotSupported, "backward scans of cursors are not supported")
	}
	return pgerror.WithHint(pgerror.New(pgerror.ObjectNotInPrerequisiteState, "cursor can only scan forward"),
		"Declare it with SCROLL option to enable backward scan.")
}

func (s *Session) runCloseCursor(st *closeCursorStmt) (string, error) {
	if st.all {
		for name, c := range s.cursors {
			c.run.release()
			delete(s.cursors, name)
		}
		return "CLOSE CURSOR ALL", nil
	}
	c, err := s.cursor(st.name)
	if err != nil {
		return "", err
	}
	c.run.release()
	delete(s.cursors, st.name)
	return "CLOSE CURSOR", nil
}

// endCursors closes the cursors a transaction's end closes: at commit
// those without HOLD, at rollback also those it declared.
func (s *Session) endCursors(commit bool) {
	for name, c := range s.cursors {
		if !c.hold || (!commit && c.inTxn) {
			c.run.release()
			delete(s.cursors, name)
			continue
		}
		c.inTxn = false
	}
}

// countingWriter counts the rows it passes on.
type countingWriter struct {
	w ResultWriter
	n int64
}

func (cw *countingWriter) Batch(rec arrow.Record) error {
	cw.n += rec.NumRows()
	return cw.w.Batch(rec)
}
