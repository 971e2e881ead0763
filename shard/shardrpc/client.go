package shardrpc

import (
	"context"
	"errors"
	"io"

	"github.com/apache/arrow/go/v15/arrow/flight"
	"github.com/apache/arrow/go/v15/arrow/ipc"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/quiverdb/quiver/exec"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/shard"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

// Client is a shard.Service served by a remote Server. It is safe for
// concurrent use.
type Client struct {
	conn  *grpc.ClientConn
	rpc   flight.Client
	alloc memory.Allocator
}

var _ shard.Service = (*Client)(nil)

// Option configures Dial.
type Option func(*Client)

// WithAllocator makes the client decode batches with alloc (default
// memory.DefaultAllocator).
func WithAllocator(alloc memory.Allocator) Option {
	return func(c *Client) { c.alloc = alloc }
}

// Dial returns a client of the Server at addr. It does not wait for the
// connection: the first call establishes it.
func Dial(addr string, opts ...Option) (*Client, error) {
	conn, err := grpc.Dial(addr,
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithInitialWindowSize(window), grpc.WithInitialConnWindowSize(window),
		grpc.WithReadBufferSize(ioBuffer),
		grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(maxMessage), grpc.MaxCallSendMsgSize(maxMessage)))
	if err != nil {
		return nil, pgerror.Wrapf(err, pgerror.ConnectionFailure, "shardrpc: dial %s", addr)
	}
	c := &Client{conn: conn, rpc: flight.NewClientFromConn(conn, nil /* auth */), alloc: memory.DefaultAllocator}
	for _, o := range opts {
		o(c)
	}
	return c, nil
}

// Close closes the connection; calls in flight fail.
func (c *Client) Close() error {
	return c.conn.Close()
}

// Write implements shard.Service.
func (c *Client) Write(ctx context.Context, shardID uint64, cmd *shard.WriteCommand) error {
	action := &flight.Action{Type: ActionWrite, Body: encodeWrite(shardID, cmd)}
	stream, err := c.rpc.DoAction(ctx, action)
	if err != nil {
		return fromRPC(ctx, err, true /* write */)
	}
	for {
		_, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fromRPC(ctx, err, true /* write */)
		}
	}
}

// Query implements shard.Service. It returns once the remote fragment is
// open and its schema has arrived; the stream lives until the operator's
// Close or until ctx ends.
func (c *Client) Query(ctx context.Context, shardID uint64, frag *execpb.Node) (exec.Operator, error) {
	ticket, err := encodeTicket(shardID, frag)
	if err != nil {
		return nil, err
	}
	sctx, cancel := context.WithCancel(ctx)
	stream, err := c.rpc.DoGet(sctx, &flight.Ticket{Ticket: ticket})
	if err != nil {
		cancel()
		return nil, fromRPC(ctx, err, false /* write */)
	}
	rdr, err := flight.NewRecordReader(stream, ipc.WithAllocator(c.alloc))
	if err != nil {
		cancel()
		return nil, fromRPC(ctx, err, false /* write */)
	}
	return newInbox(sctx, cancel, rdr), nil
}
