package pgwire

import (
	"github.com/jackc/pgproto3/v2"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/sql"
)

// handleDescribe describes a statement (ParameterDescription, then
// RowDescription or NoData) or a portal (RowDescription or NoData).
func (c *conn) handleDescribe(m *pgproto3.Describe) error {
	switch m.ObjectType {
	case 'S':
		return c.describeStatement(m.Name)
	case 'P':
		return c.describePortal(m.Name)
	}
	return pgerror.Newf(pgerror.ProtocolViolation, "invalid DESCRIBE message subtype %d", m.ObjectType)
}

func (c *conn) describeStatement(name string) error {
	stmt, err := c.statement(name)
	if err != nil {
		return c.extendedError(err)
	}
	oids := make([]uint32, len(stmt.ParamTypes))
	for i, t := range stmt.ParamTypes {
		oids[i] = t.Oid()
	}
	if err := c.w.send(&pgproto3.ParameterDescription{ParameterOIDs: oids}); err != nil {
		return err
	}
	// A statement's result formats are not known yet: text is reported.
	return c.describeColumns(stmt.Columns, c.textFormatsFor(len(stmt.Columns)))
}

func (c *conn) describePortal(name string) error {
	p, err := c.portal(name)
	if err != nil {
		return c.extendedError(err)
	}
	return c.describeColumns(p.columns(), p.formats)
}

// describeColumns sends RowDescription, or NoData when there are no
// result columns.
func (c *conn) describeColumns(cols []sql.Column, formats []int16) error {
	if cols == nil {
		return c.w.send(&pgproto3.NoData{})
	}
	return c.w.send(rowDescription(cols, formats))
}

// portal looks up a portal: unknown is 34000.
func (c *conn) portal(name string) (*portal, error) {
	if p, ok := c.portals[name]; ok {
		return p, nil
	}
	return nil, pgerror.Newf(pgerror.InvalidCursorName, "portal %q does not exist", name)
}
