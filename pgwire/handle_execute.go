package pgwire

import (
	"context"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/jackc/pgproto3/v2"
	"github.com/quiverdb/quiver/internal/metrics"
	"github.com/quiverdb/quiver/sql"
)

// handleExecute runs or resumes a portal, up to the row limit. It answers
// CommandComplete when the portal completes, PortalSuspended when the
// limit stopped it, and EmptyQueryResponse for an empty statement.
func (c *conn) handleExecute(m *pgproto3.Execute) error {
	p, err := c.portal(m.Portal)
	if err != nil {
		return c.extendedError(err)
	}
	if p.p == nil {
		return c.w.send(&pgproto3.EmptyQueryResponse{})
	}
	// The protocol's row count is a signed int32; zero or less means all.
	maxRows := max(int64(int32(m.MaxRows)), 0)
	c.enc.reset(p.p.Columns, p.formats)
	c.enc.loc = c.sess.Location()
	var tag string
	var suspended bool
	err = c.runStatement(func(ctx context.Context) (err error) {
		tag, suspended, err = c.sess.Execute(ctx, p.p, portalWriter{c: c}, maxRows)
		return err
	})
	switch {
	case err != nil:
		return c.extendedError(err)
	case suspended:
		return c.w.send(&pgproto3.PortalSuspended{})
	}
	metrics.Statements.Inc()
	return c.w.send(&pgproto3.CommandComplete{CommandTag: []byte(tag)})
}

// portalWriter implements sql.ResultWriter for Execute.
type portalWriter struct{ c *conn }

var _ sql.ResultWriter = portalWriter{}

// Batch implements sql.ResultWriter.
func (w portalWriter) Batch(rec arrow.Record) error {
	return wrapWrite(w.c.enc.writeBatch(w.c.w, rec))
}

// ParameterStatus reports a session variable changed by the portal (SET
// through the extended protocol). sql.ResultWriter does not declare it;
// sql may find it with a type assertion.
func (w portalWriter) ParameterStatus(name, value string) error {
	return wrapWrite(w.c.w.send(&pgproto3.ParameterStatus{Name: name, Value: value}))
}
