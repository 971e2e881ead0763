package shardrpc

import (
	"context"
	"errors"
	"io"
	"time"

	"github.com/apache/arrow/go/v15/arrow/flight"
	"github.com/quiverdb/quiver/internal/pgerror"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/connectivity"
)

// ActionHandler serves one extra Flight action type (see Server.Handle):
// body is the action's body, the reply travels back as one result. An
// error crosses the wire with its SQLSTATE fields, as shard errors do.
type ActionHandler func(ctx context.Context, body []byte) ([]byte, error)

// Handle makes the server answer actions of type typ with h (the node's
// meta and cluster actions ride on the same listener as the shards).
// Call it before Serve.
func (s *Server) Handle(typ string, h ActionHandler) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.actions == nil {
		s.actions = map[string]ActionHandler{}
	}
	s.actions[typ] = h
}

func (s *Server) action(typ string) ActionHandler {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.actions[typ]
}

// Call performs action typ with body on the server and returns the reply
// of its handler. An error is the remote one, 57014 when ctx ended,
// 08000 when the server was unavailable (gRPC Unavailable), else
// 08006 for a transport failure.
func (c *Client) Call(ctx context.Context, typ string, body []byte) ([]byte, error) {
	stream, err := c.rpc.DoAction(ctx, &flight.Action{Type: typ, Body: body})
	if err != nil {
		return nil, callError(ctx, err, typ)
	}
	var reply []byte
	for {
		res, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			return reply, nil
		}
		if err != nil {
			return nil, callError(ctx, err, typ)
		}
		if reply == nil {
			reply = res.GetBody()
			if reply == nil {
				reply = []byte{}
			}
		}
	}
}

func callError(ctx context.Context, err error, typ string) error {
	if st, ok := statusOf(err); ok {
		if info := quiverInfo(st); info != nil {
			return fromInfo(info)
		}
		if st.Code() == codes.Unavailable && ctx.Err() == nil {
			return pgerror.Wrapf(err, pgerror.ConnectionException, "%s: node unreachable", typ)
		}
	}
	if cerr := ctx.Err(); cerr != nil {
		return canceled(cerr)
	}
	return pgerror.Wrapf(err, pgerror.ConnectionFailure, "%s failed in transport", typ)
}

// connectWait bounds how long Connected waits for a connection.
const connectWait = time.Second

// Connected returns nil when the client has a ready connection to its
// server, waiting up to a second (or ctx) for one; else 08000. A caller
// that must not send a write twice checks it first: a write whose
// connection was never established was certainly not applied.
func (c *Client) Connected(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, connectWait)
	defer cancel()
	tried := false
	for {
		st := c.conn.GetState()
		switch st {
		case connectivity.Ready:
			return nil
		case connectivity.Idle:
			c.conn.Connect()
		case connectivity.Connecting:
			tried = true
		case connectivity.TransientFailure:
			if tried {
				return pgerror.Newf(pgerror.ConnectionException, "node %s is unreachable", c.conn.Target())
			}
			// The server may be back: retry now rather than after
			// gRPC's backoff.
			c.conn.ResetConnectBackoff()
		case connectivity.Shutdown:
			return pgerror.Newf(pgerror.ConnectionException, "node %s is unreachable", c.conn.Target())
		}
		if !c.conn.WaitForStateChange(ctx, st) {
			return pgerror.Newf(pgerror.ConnectionException, "node %s is unreachable: no connection within %s", c.conn.Target(), connectWait)
		}
	}
}
