package router

import (
	"crypto/rand"
	"encoding/binary"
	"sync"
)

// clientSession is one request identity stream: a client id, random per
// session, and the sequence number of its last request. A session serves
// one write at a time, so the shard sees its sequence numbers in order
// (the contract of shard.WriteCommand's Client and Seq).
type clientSession struct {
	id  uint64
	seq uint64
}

// sessionPool hands out idle sessions, creating one when none is idle.
// It holds at most as many sessions as writes ever ran at once.
type sessionPool struct {
	mu   sync.Mutex
	idle []*clientSession
}

// get returns an idle session with its sequence number advanced.
func (p *sessionPool) get() *clientSession {
	p.mu.Lock()
	var s *clientSession
	if n := len(p.idle); n > 0 {
		s, p.idle = p.idle[n-1], p.idle[:n-1]
	}
	p.mu.Unlock()
	if s == nil {
		s = &clientSession{id: newClientID()}
	}
	s.seq++
	return s
}

// put makes s idle again. The caller must not use s afterwards.
func (p *sessionPool) put(s *clientSession) {
	p.mu.Lock()
	p.idle = append(p.idle, s)
	p.mu.Unlock()
}

// newClientID returns a random non-zero id. 64 random bits make a clash
// between gateways' sessions negligible (about n²/2⁶⁵ for n sessions).
func newClientID() uint64 {
	var b [8]byte
	for {
		_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go ≥ 1.24 panics instead)
		if id := binary.LittleEndian.Uint64(b[:]); id != 0 {
			return id
		}
	}
}
