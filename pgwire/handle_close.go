package pgwire

import (
	"github.com/jackc/pgproto3/v2"
	"github.com/quiverdb/quiver/internal/pgerror"
)

// handleClose closes a statement or a portal; closing one that does not
// exist is not an error. It answers CloseComplete.
func (c *conn) handleClose(m *pgproto3.Close) error {
	switch m.ObjectType {
	case 'S':
		c.sess.CloseStatement(m.Name)
	case 'P':
		c.closePortal(m.Name)
	default:
		return pgerror.Newf(pgerror.ProtocolViolation, "invalid CLOSE message subtype %d", m.ObjectType)
	}
	return c.w.send(&pgproto3.CloseComplete{})
}

// handleSync ends an extended-protocol batch: errors stop being skipped,
// the implicit transaction ends and ReadyForQuery is sent.
func (c *conn) handleSync() error {
	c.ignoreTillSync = false
	c.sess.Sync()
	c.endOfTransaction()
	return c.sendReady()
}

var errFunctionCall = pgerror.New(pgerror.FeatureNotSupported, "fastpath function calls are not supported")

// handleFunctionCall refuses a fastpath FunctionCall and ends its cycle
// with ReadyForQuery.
func (c *conn) handleFunctionCall() error {
	if err := c.w.sendError(errFunctionCall, severityError); err != nil {
		return err
	}
	return c.sendReady()
}
