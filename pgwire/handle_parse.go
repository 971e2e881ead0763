package pgwire

import (
	"context"

	"github.com/jackc/pgproto3/v2"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/sql"
)

// handleParse prepares a statement and answers ParseComplete.
func (c *conn) handleParse(m *pgproto3.Parse) error {
	if m.Name == "" {
		c.sess.CloseStatement("")
	} else if _, ok := c.sess.Statement(m.Name); ok {
		return c.extendedError(pgerror.Newf(pgerror.DuplicatePreparedStatement, "prepared statement %q already exists", m.Name))
	}
	var p *sql.Prepared
	err := c.runStatement(func(ctx context.Context) (err error) {
		p, err = c.sess.Prepare(ctx, m.Query, m.ParameterOIDs)
		return err
	})
	if err != nil {
		return c.extendedError(err)
	}
	if err := c.sess.StoreStatement(m.Name, p); err != nil {
		return c.extendedError(err)
	}
	return c.w.send(&pgproto3.ParseComplete{})
}

// statement looks up a prepared statement: unknown is 26000.
func (c *conn) statement(name string) (*sql.Prepared, error) {
	if p, ok := c.sess.Statement(name); ok {
		return p, nil
	}
	if name == "" {
		return nil, pgerror.New(pgerror.InvalidSQLStatementName, "unnamed prepared statement does not exist")
	}
	return nil, pgerror.Newf(pgerror.InvalidSQLStatementName, "prepared statement %q does not exist", name)
}
