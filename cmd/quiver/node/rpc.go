package node

import (
	"bufio"
	"net"
	"strings"
	"sync"
	"time"
)

// The RPC endpoint speaks, for now, one line-based request: "PING\n" is
// answered "PONG\n"; anything else closes the connection. The cluster
// work adds shard RPC (Arrow Flight) on this listener.
const (
	pingRequest  = "PING"
	pingResponse = "PONG\n"
	rpcIdle      = 30 * time.Second
)

// rpcServer accepts connections on the node's RPC address.
type rpcServer struct {
	ln    net.Listener
	mu    sync.Mutex
	conns map[net.Conn]struct{}
	wg    sync.WaitGroup
}

func newRPCServer(ln net.Listener) *rpcServer {
	return &rpcServer{ln: ln, conns: map[net.Conn]struct{}{}}
}

// serve accepts until the listener closes.
func (s *rpcServer) serve() {
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		if !s.track(c) {
			c.Close()
			return
		}
		s.wg.Add(1)
		go s.handle(c)
	}
}

func (s *rpcServer) track(c net.Conn) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.conns == nil {
		return false
	}
	s.conns[c] = struct{}{}
	return true
}

func (s *rpcServer) handle(c net.Conn) {
	defer s.wg.Done()
	defer s.untrack(c)
	r := bufio.NewReaderSize(c, 64)
	for {
		_ = c.SetDeadline(time.Now().Add(rpcIdle))
		line, err := r.ReadString('\n')
		if err != nil || strings.TrimSpace(line) != pingRequest {
			return
		}
		if _, err := c.Write([]byte(pingResponse)); err != nil {
			return
		}
	}
}

func (s *rpcServer) untrack(c net.Conn) {
	c.Close()
	s.mu.Lock()
	delete(s.conns, c)
	s.mu.Unlock()
}

// close stops accepting, closes every connection and waits for their
// goroutines.
func (s *rpcServer) close() {
	s.ln.Close()
	s.mu.Lock()
	for c := range s.conns {
		c.Close()
	}
	s.conns = nil
	s.mu.Unlock()
	s.wg.Wait()
}
