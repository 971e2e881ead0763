package pgwire

import "github.com/quiverdb/quiver/sql"

// portal is a bound statement as the wire sees it.
type portal struct {
	// p is sql's portal, nil for an empty statement.
	p *sql.Portal
	// formats are the result format codes, one per column.
	formats []int16
}

// columns returns the portal's result columns, nil when it has none.
func (p *portal) columns() []sql.Column {
	if p.p == nil {
		return nil
	}
	return p.p.Columns
}

// closePortal releases the named portal, if it exists.
func (c *conn) closePortal(name string) {
	if p, ok := c.portals[name]; ok {
		delete(c.portals, name)
		if p.p != nil {
			c.sess.ClosePortal(p.p)
		}
	}
}

// closeAllPortals releases every portal.
func (c *conn) closeAllPortals() {
	for name := range c.portals {
		c.closePortal(name)
	}
}

// endOfTransaction closes every portal once no transaction is open:
// portals do not outlive their transaction.
func (c *conn) endOfTransaction() {
	if c.sess.TxnStatus() == 'I' {
		c.closeAllPortals()
	}
}
