package pgwire

import (
	"context"
	"errors"
	"net"
	"sync"
	"time"

	"github.com/quiverdb/quiver/internal/metrics"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/sql"
)

// Config configures a Server.
type Config struct {
	// MaxMessageSize bounds the body of a client message in bytes; a longer
	// message ends its session with FATAL 08P01. Zero means
	// DefaultMaxMessageSize.
	MaxMessageSize int
}

// Server accepts PostgreSQL clients and serves each connection with its
// own goroutine and sql session.
type Server struct {
	open sessionOpener
	cfg  Config

	// ctx is the parent of every session's context; Shutdown cancels it
	// with errAdminShutdown as the cause.
	ctx      context.Context
	cancel   context.CancelCauseFunc
	sessions sync.WaitGroup

	mu        sync.Mutex
	closing   bool
	listeners map[net.Listener]struct{}
	conns     map[*conn]struct{}
	keys      map[int32]*conn // by BackendKeyData process ID
}

// NewServer returns a Server whose sessions are opened by s.
func NewServer(s *sql.Server, cfg Config) *Server {
	return newServer(sqlOpener(s), cfg)
}

func newServer(open sessionOpener, cfg Config) *Server {
	if cfg.MaxMessageSize <= 0 {
		cfg.MaxMessageSize = DefaultMaxMessageSize
	}
	ctx, cancel := context.WithCancelCause(context.Background())
	return &Server{
		open:      open,
		cfg:       cfg,
		ctx:       ctx,
		cancel:    cancel,
		listeners: map[net.Listener]struct{}{},
		conns:     map[*conn]struct{}{},
		keys:      map[int32]*conn{},
	}
}

var (
	errAdminShutdown = pgerror.New(pgerror.AdminShutdown, "terminating connection due to administrator command")
	errShuttingDown  = pgerror.New(pgerror.CannotConnectNow, "the database system is shutting down")
)

// Serve accepts connections on ln until Shutdown, then returns nil. Any
// other accept error is returned.
func (s *Server) Serve(ln net.Listener) error {
	if !s.addListener(ln) {
		return nil
	}
	for {
		nc, err := ln.Accept()
		if err != nil {
			if s.isClosing() {
				return nil
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				continue
			}
			return err
		}
		s.startConn(nc)
	}
}

func (s *Server) addListener(ln net.Listener) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing {
		_ = ln.Close()
		return false
	}
	s.listeners[ln] = struct{}{}
	return true
}

func (s *Server) isClosing() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closing
}

// startConn starts the goroutine of a new connection, unless the server
// is shutting down.
func (s *Server) startConn(nc net.Conn) {
	s.mu.Lock()
	closing := s.closing
	if !closing {
		s.sessions.Add(1)
	}
	s.mu.Unlock()
	if closing {
		refuseConn(nc, s.cfg.MaxMessageSize)
		return
	}
	metrics.ConnectionsTotal.Inc()
	metrics.ConnectionsOpen.Add(1)
	c := newConn(s, nc)
	s.mu.Lock()
	s.conns[c] = struct{}{}
	s.mu.Unlock()
	go func() {
		defer s.sessions.Done()
		defer metrics.ConnectionsOpen.Add(-1)
		defer s.forget(c)
		c.serve()
	}()
}

// refuseConn answers a connection that arrives during shutdown.
func refuseConn(nc net.Conn, _ int) {
	_ = nc.SetDeadline(time.Now().Add(time.Second))
	w := newMsgWriter(nc)
	_ = w.sendError(errShuttingDown, severityFatal)
	_ = w.flush()
	_ = nc.Close()
}

// Shutdown stops accepting connections, ends every session (a running
// statement is cancelled and each client gets FATAL 57P01) and waits for
// the sessions' goroutines. If ctx ends first, the remaining connections
// are closed abruptly and ctx's error is returned.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.closing = true
	for ln := range s.listeners {
		_ = ln.Close()
	}
	s.cancel(errAdminShutdown)
	for c := range s.conns {
		c.wake()
	}
	s.mu.Unlock()

	done := make(chan struct{})
	go func() {
		s.sessions.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		s.closeAll()
		<-done
		return ctx.Err()
	}
}

// closeAll closes every connection's socket.
func (s *Server) closeAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.conns {
		_ = c.nc.Close()
	}
}

// forget removes an ended connection from the server's registries.
func (s *Server) forget(c *conn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.conns, c)
	if s.keys[c.key.pid] == c {
		delete(s.keys, c.key.pid)
	}
}
