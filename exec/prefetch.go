package exec

import (
	"context"
	"errors"
	"io"
	"sync"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/quiverdb/quiver/internal/pgerror"
)

// prefetchDepth is how many batches a prefetching input may run ahead of
// its consumer.
const prefetchDepth = 4

// prefetchOp runs its input in a goroutine of its own, so that several
// inputs of a merge (one per shard) produce at the same time. Batches
// cross a bounded channel; the input is used only by that goroutine
// between Open and Close.
type prefetchOp struct {
	input  Operator
	ch     chan prefetched
	cancel context.CancelFunc
	wg     sync.WaitGroup
	last   arrow.Record // the batch returned by the previous Next
	done   bool
}

type prefetched struct {
	rec arrow.Record
	err error // io.EOF at the end
}

var _ Operator = (*prefetchOp)(nil)

// prefetchAll wraps each input in a prefetchOp when there are several.
func prefetchAll(inputs []Operator) []Operator {
	if len(inputs) < 2 {
		return inputs
	}
	out := make([]Operator, len(inputs))
	for i, in := range inputs {
		out[i] = &prefetchOp{input: in}
	}
	return out
}

// Schema implements Operator.
func (p *prefetchOp) Schema() *arrow.Schema { return p.input.Schema() }

// Open implements Operator. It opens the input, then starts producing
// under a context that Close cancels.
func (p *prefetchOp) Open(ctx context.Context) error {
	if err := p.input.Open(ctx); err != nil {
		return err
	}
	ctx, p.cancel = context.WithCancel(ctx)
	p.ch = make(chan prefetched, prefetchDepth)
	p.wg.Add(1)
	go p.produce(ctx)
	return nil
}

func (p *prefetchOp) produce(ctx context.Context) {
	defer p.wg.Done()
	defer close(p.ch)
	for {
		rec, err := p.next(ctx)
		if err == nil {
			rec.Retain()
		}
		select {
		case p.ch <- prefetched{rec: rec, err: err}:
		case <-ctx.Done():
			if rec != nil && err == nil {
				rec.Release()
			}
			return
		}
		if err != nil {
			return
		}
	}
}

// next pulls one batch from the input; a panic (a bug) in this
// goroutine would end the process, so it becomes an XX000 error.
func (p *prefetchOp) next(ctx context.Context) (rec arrow.Record, err error) {
	defer func() {
		if r := recover(); r != nil {
			rec, err = nil, pgerror.FromPanic(r)
		}
	}()
	return p.input.Next(ctx)
}

// Next implements Operator.
func (p *prefetchOp) Next(ctx context.Context) (arrow.Record, error) {
	p.releaseLast()
	if p.done {
		return nil, io.EOF
	}
	select {
	case item, ok := <-p.ch:
		if !ok {
			p.done = true
			return nil, io.EOF
		}
		if item.err != nil {
			p.done = true
			return nil, item.err
		}
		p.last = item.rec
		return item.rec, nil
	case <-ctx.Done():
		return nil, context.Cause(ctx)
	}
}

func (p *prefetchOp) releaseLast() {
	if p.last != nil {
		p.last.Release()
		p.last = nil
	}
}

// Close implements Operator: it stops the producer, releases what it
// buffered and closes the input.
func (p *prefetchOp) Close() error {
	p.releaseLast()
	if p.cancel != nil {
		p.cancel()
		for item := range p.ch {
			if item.err == nil {
				item.rec.Release()
			}
		}
		p.wg.Wait()
	}
	err := p.input.Close()
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}
