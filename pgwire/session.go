package pgwire

import (
	"context"
	"time"

	"github.com/quiverdb/quiver/sql"
)

// session is the part of *sql.Session that pgwire drives. Tests provide a
// fake; production code always uses *sql.Session.
type session interface {
	ParameterStatus() [][2]string
	TxnStatus() byte
	// Location is the session time zone of timestamptz text.
	Location() *time.Location
	ExecSimple(ctx context.Context, query string, w sql.SimpleWriter) error
	Prepare(ctx context.Context, query string, paramOIDs []uint32) (*sql.Prepared, error)
	// Statement, StoreStatement and CloseStatement reach the session's
	// prepared statements, which SQL PREPARE, EXECUTE and DEALLOCATE share.
	Statement(name string) (*sql.Prepared, bool)
	StoreStatement(name string, p *sql.Prepared) error
	CloseStatement(name string)
	Bind(ctx context.Context, p *sql.Prepared, params []any) (*sql.Portal, error)
	Execute(ctx context.Context, p *sql.Portal, w sql.ResultWriter, maxRows int64) (tag string, suspended bool, err error)
	ClosePortal(p *sql.Portal)
	Sync()
	Close()
}

var _ session = (*sql.Session)(nil)

// sessionOpener opens a session for a startup packet's parameters.
type sessionOpener func(ctx context.Context, p sql.SessionParams) (session, error)

// sqlOpener opens sessions of a real sql.Server.
func sqlOpener(s *sql.Server) sessionOpener {
	return func(ctx context.Context, p sql.SessionParams) (session, error) {
		sess, err := s.NewSession(ctx, p)
		if err != nil {
			return nil, err
		}
		return sess, nil
	}
}
