package pgwire

import (
	"context"

	"github.com/quiverdb/quiver/sql"
)

// session is the part of *sql.Session that pgwire drives. Tests provide a
// fake; production code always uses *sql.Session.
type session interface {
	ParameterStatus() [][2]string
	TxnStatus() byte
	ExecSimple(ctx context.Context, query string, w sql.SimpleWriter) error
	Prepare(ctx context.Context, query string, paramOIDs []uint32) (*sql.Prepared, error)
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
