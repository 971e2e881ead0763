package shardrpc

import (
	"context"
	"sync"
)

// Pool keeps one Client per remote address. It is safe for concurrent
// use.
type Pool struct {
	opts []Option

	mu      sync.Mutex
	clients map[string]*Client
	closed  bool
}

// NewPool returns a pool whose clients are dialled with opts.
func NewPool(opts ...Option) *Pool {
	return &Pool{opts: opts, clients: map[string]*Client{}}
}

// Get returns the client of addr, dialling it on first use.
func (p *Pool) Get(addr string) (*Client, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return nil, errStopped
	}
	if c, ok := p.clients[addr]; ok {
		return c, nil
	}
	c, err := Dial(addr, p.opts...)
	if err != nil {
		return nil, err
	}
	p.clients[addr] = c
	return c, nil
}

// Call performs action typ on the server at addr (see Client.Call).
func (p *Pool) Call(ctx context.Context, addr, typ string, body []byte) ([]byte, error) {
	c, err := p.Get(addr)
	if err != nil {
		return nil, err
	}
	return c.Call(ctx, typ, body)
}

// Close closes every client; later Gets fail.
func (p *Pool) Close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closed = true
	for addr, c := range p.clients {
		c.Close()
		delete(p.clients, addr)
	}
}
