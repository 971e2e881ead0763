package shardrpc

import (
	"context"
	"io"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/flight"
	"github.com/quiverdb/quiver/exec"
)

// inbox is the client end of a query stream: an Operator over the batches
// a remote fragment sends.
type inbox struct {
	ctx    context.Context // the stream's; cancel ends it
	cancel context.CancelFunc
	rdr    *flight.Reader
	schema *arrow.Schema
}

var _ exec.Operator = (*inbox)(nil)

func newInbox(ctx context.Context, cancel context.CancelFunc, rdr *flight.Reader) *inbox {
	return &inbox{ctx: ctx, cancel: cancel, rdr: rdr, schema: rdr.Schema()}
}

// Schema implements exec.Operator.
func (in *inbox) Schema() *arrow.Schema { return in.schema }

// Open implements exec.Operator. The stream is already open.
func (in *inbox) Open(context.Context) error { return nil }

// Next implements exec.Operator. Cancelling ctx cancels the stream.
func (in *inbox) Next(ctx context.Context) (arrow.Record, error) {
	if in.rdr == nil {
		return nil, io.EOF
	}
	if err := ctx.Err(); err != nil {
		in.cancel()
		return nil, canceled(err)
	}
	stop := context.AfterFunc(ctx, in.cancel)
	defer stop()
	for in.rdr.Next() {
		if rec := in.rdr.Record(); rec.NumRows() > 0 {
			return rec, nil
		}
	}
	if err := in.rdr.Err(); err != nil {
		return nil, fromRPC(in.ctx, err, false /* write */)
	}
	return nil, io.EOF
}

// Close implements exec.Operator: it cancels the stream if it is still
// running and releases the last batch.
func (in *inbox) Close() error {
	in.cancel()
	if in.rdr != nil {
		in.rdr.Release()
		in.rdr = nil
	}
	return nil
}
