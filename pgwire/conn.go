package pgwire

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"sync"
	"time"

	"github.com/jackc/pgproto3/v2"
	"github.com/quiverdb/quiver/internal/pgerror"
)

// fatalWriteTimeout bounds the time spent sending the last message of a
// connection that the server ends.
const fatalWriteTimeout = time.Second

// conn is one client connection. Only its own goroutine (serve) reads
// and writes the socket and touches the fields below mu.
type conn struct {
	srv *Server
	nc  net.Conn
	rd  *messageReader
	w   *msgWriter
	key backendKey

	// ctx lives as long as the connection; Shutdown cancels it.
	ctx  context.Context
	sess session

	portals        map[string]*portal
	ignoreTillSync bool
	enc            rowEncoder
	textFormats    []int16

	mu         sync.Mutex
	cancelStmt context.CancelCauseFunc // of the running statement, or nil
}

func newConn(s *Server, nc net.Conn) *conn {
	return &conn{
		srv:     s,
		nc:      nc,
		rd:      newMessageReader(nc, s.cfg.MaxMessageSize),
		w:       newMsgWriter(nc),
		ctx:     s.ctx,
		portals: map[string]*portal{},
	}
}

// serve runs the connection to its end.
func (c *conn) serve() {
	defer c.nc.Close()
	if !c.startup() {
		return
	}
	defer c.sess.Close()
	defer c.closeAllPortals()
	for {
		msg, err := c.rd.next()
		if err != nil {
			c.endOnReadError(err)
			return
		}
		if err := c.handle(msg); err != nil {
			c.endOnError(err)
			return
		}
		if c.ctx.Err() != nil {
			c.fatal(errAdminShutdown)
			return
		}
	}
}

// errTerminate ends a connection without a message (Terminate).
var errTerminate = errors.New("terminate")

// endOnReadError ends the connection after a failed read: with FATAL
// 57P01 at shutdown, FATAL 08P01 for a protocol violation, silently when
// the client went away.
func (c *conn) endOnReadError(err error) {
	switch {
	case c.ctx.Err() != nil:
		c.fatal(errAdminShutdown)
	case isProtocolError(err):
		c.fatal(err)
	}
}

// endOnError ends the connection after a handler failed.
func (c *conn) endOnError(err error) {
	switch {
	case errors.Is(err, errTerminate):
	case c.ctx.Err() != nil:
		c.fatal(errAdminShutdown)
	case isProtocolError(err):
		c.fatal(err)
	}
}

// fatal sends err as a FATAL ErrorResponse, best effort, and lingers so
// that the client reads it.
func (c *conn) fatal(err error) {
	_ = c.nc.SetWriteDeadline(time.Now().Add(fatalWriteTimeout))
	_ = c.w.sendError(err, severityFatal)
	if c.w.flush() == nil {
		lingerClose(c.nc)
	}
}

// lingerBytes bounds what lingerClose discards.
const lingerBytes = 1 << 20

// lingerClose half-closes nc and discards what the client still sends for
// a moment: closing a socket with unread input resets the connection, and
// the client could lose the last message sent to it.
func lingerClose(nc net.Conn) {
	hc, ok := nc.(interface{ CloseWrite() error })
	if !ok || hc.CloseWrite() != nil {
		return
	}
	_ = nc.SetReadDeadline(time.Now().Add(fatalWriteTimeout / 2))
	_, _ = io.CopyN(io.Discard, nc, lingerBytes)
}

// wake interrupts a blocked read so that serve notices the shutdown.
func (c *conn) wake() {
	_ = c.nc.SetReadDeadline(time.Now())
}

// runStatement calls f with a context that a CancelRequest cancels. It
// returns f's error, replaced by the cancellation's cause when the
// statement was cancelled.
func (c *conn) runStatement(f func(ctx context.Context) error) error {
	ctx, cancel := context.WithCancelCause(c.ctx)
	c.mu.Lock()
	c.cancelStmt = cancel
	c.mu.Unlock()
	err := runGuarded(ctx, f)
	c.mu.Lock()
	c.cancelStmt = nil
	c.mu.Unlock()
	if err != nil && ctx.Err() != nil {
		err = context.Cause(ctx)
	}
	cancel(nil)
	return err
}

// runGuarded runs f, turning a panic (a bug) into an internal error
// (XX000) for this statement and logging its stack, so that one
// statement's bug never takes the node and its other sessions down.
func runGuarded(ctx context.Context, f func(ctx context.Context) error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = pgerror.FromPanic(r)
			slog.Error("statement panicked", "err", err, "stack", string(pgerror.Flatten(err).Stack()))
		}
	}()
	return f(ctx)
}

// cancelStatement cancels the running statement, if any.
func (c *conn) cancelStatement() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cancelStmt != nil {
		c.cancelStmt(errQueryCanceled)
	}
}

// handle dispatches one message. It returns an error only when the
// connection must end.
func (c *conn) handle(msg pgproto3.FrontendMessage) error {
	if c.ignoreTillSync {
		switch msg.(type) {
		case *pgproto3.Sync, *pgproto3.Terminate:
		default:
			return nil
		}
	}
	switch m := msg.(type) {
	case *pgproto3.Query:
		return c.handleQuery(m)
	case *pgproto3.Parse:
		return c.handleParse(m)
	case *pgproto3.Bind:
		return c.handleBind(m)
	case *pgproto3.Describe:
		return c.handleDescribe(m)
	case *pgproto3.Execute:
		return c.handleExecute(m)
	case *pgproto3.Close:
		return c.handleClose(m)
	case *pgproto3.Sync:
		return c.handleSync()
	case *pgproto3.Flush:
		return c.w.flush()
	case *pgproto3.Terminate:
		return errTerminate
	case *functionCall:
		return c.handleFunctionCall()
	}
	// CopyData, CopyDone and CopyFail outside COPY are ignored, as
	// PostgreSQL does.
	return nil
}

// sendReady sends ReadyForQuery and flushes.
func (c *conn) sendReady() error {
	if err := c.w.send(&pgproto3.ReadyForQuery{TxStatus: c.sess.TxnStatus()}); err != nil {
		return err
	}
	return c.w.flush()
}

// extendedError answers an error in an extended-protocol message and
// starts discarding messages until Sync.
func (c *conn) extendedError(err error) error {
	c.ignoreTillSync = true
	return c.statementError(err)
}

// statementError reports a failed statement to the client. It returns an
// error when the connection must end instead: at shutdown, or when the
// client cannot be written to.
func (c *conn) statementError(err error) error {
	switch {
	case c.ctx.Err() != nil:
		return errAdminShutdown
	case isWriteError(err):
		return err
	}
	return c.w.sendError(err, severityError)
}
