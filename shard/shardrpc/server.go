package shardrpc

import (
	"context"
	"errors"
	"net"
	"sync"

	"github.com/apache/arrow/go/v15/arrow/flight"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/shard"
	"google.golang.org/grpc"
)

// Transport limits, the same on both ends.
const (
	// maxMessage bounds one gRPC message either way: a record batch, a
	// ticket or a write body.
	maxMessage = 1 << 30
	// window is the HTTP/2 flow-control window of a stream and of a
	// connection: large enough that a batch stream is not throttled by
	// round trips (it doubles throughput of 16K-row int8 batches over
	// gRPC's default).
	window = 4 << 20
	// ioBuffer is the size of the transport's socket buffers.
	ioBuffer = 256 << 10
)

var errStopped = pgerror.New(pgerror.AdminShutdown, "terminating connection due to node shutdown")

// Server serves a shard.Service over Arrow Flight.
type Server struct {
	flight.BaseFlightServer

	svc   shard.Service
	alloc memory.Allocator
	grpc  *grpc.Server

	mu       sync.Mutex
	stopped  bool
	handlers sync.WaitGroup
	actions  map[string]ActionHandler
}

// NewServer returns a server of svc whose IPC encoding allocates from
// alloc (memory.DefaultAllocator when nil).
func NewServer(svc shard.Service, alloc memory.Allocator) *Server {
	if alloc == nil {
		alloc = memory.DefaultAllocator
	}
	s := &Server{svc: svc, alloc: alloc}
	s.grpc = grpc.NewServer(
		grpc.MaxRecvMsgSize(maxMessage), grpc.MaxSendMsgSize(maxMessage),
		grpc.InitialWindowSize(window), grpc.InitialConnWindowSize(window),
		grpc.WriteBufferSize(ioBuffer))
	flight.RegisterFlightServiceServer(s.grpc, s)
	return s
}

// Serve accepts connections on ln until Stop. It returns nil after Stop,
// also when Stop came first (it then closes ln).
func (s *Server) Serve(ln net.Listener) error {
	if err := s.grpc.Serve(ln); !errors.Is(err, grpc.ErrServerStopped) {
		return err
	}
	return nil
}

// Stop closes the listener and every connection, cancels every in-flight
// call and waits until their handlers have returned.
func (s *Server) Stop() {
	s.mu.Lock()
	s.stopped = true
	s.mu.Unlock()
	s.grpc.Stop()
	s.handlers.Wait()
}

// enter registers a handler; it fails once Stop has begun.
func (s *Server) enter() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped {
		return toStatus(errStopped)
	}
	s.handlers.Add(1)
	return nil
}

// DoGet implements flight.FlightServer: it runs the ticket's fragment and
// streams its output.
func (s *Server) DoGet(t *flight.Ticket, stream flight.FlightService_DoGetServer) error {
	if err := s.enter(); err != nil {
		return err
	}
	defer s.handlers.Done()
	return toStatus(s.query(stream.Context(), t.GetTicket(), stream))
}

func (s *Server) query(ctx context.Context, ticket []byte, stream flight.DataStreamWriter) error {
	shardID, frag, err := decodeTicket(ticket)
	if err != nil {
		return err
	}
	op, err := s.svc.Query(ctx, shardID, frag)
	if err != nil {
		return err
	}
	defer op.Close()
	if err := op.Open(ctx); err != nil {
		return err
	}
	return sendStream(ctx, op, stream, s.alloc)
}

// DoAction implements flight.FlightServer: ActionWrite applies a write.
func (s *Server) DoAction(a *flight.Action, stream flight.FlightService_DoActionServer) error {
	if err := s.enter(); err != nil {
		return err
	}
	defer s.handlers.Done()
	if a.GetType() == ActionWrite {
		return toStatus(s.write(stream.Context(), a.GetBody()))
	}
	h := s.action(a.GetType())
	if h == nil {
		return toStatus(pgerror.Newf(pgerror.FeatureNotSupported, "shardrpc: unknown action %q", a.GetType()))
	}
	reply, err := h(stream.Context(), a.GetBody())
	if err != nil {
		return toStatus(err)
	}
	return toStatus(stream.Send(&flight.Result{Body: reply}))
}

func (s *Server) write(ctx context.Context, body []byte) error {
	shardID, cmd, err := decodeWrite(body)
	if err != nil {
		return err
	}
	return s.svc.Write(ctx, shardID, cmd)
}
