package pgwire

import (
	"crypto/rand"
	"encoding/binary"

	"github.com/quiverdb/quiver/internal/pgerror"
)

// backendKey is a session's BackendKeyData: the key a CancelRequest must
// present.
type backendKey struct {
	pid    int32
	secret int32
}

var errQueryCanceled = pgerror.New(pgerror.QueryCanceled, "canceling statement due to user request")

// register gives c a fresh backend key and makes it cancellable.
func (s *Server) register(c *conn) {
	var b [8]byte
	s.mu.Lock()
	defer s.mu.Unlock()
	for {
		_, _ = rand.Read(b[:])
		pid := int32(binary.BigEndian.Uint32(b[:4]) & 0x7fffffff)
		if _, taken := s.keys[pid]; pid != 0 && !taken {
			c.key = backendKey{pid: pid, secret: int32(binary.BigEndian.Uint32(b[4:]))}
			s.keys[pid] = c
			return
		}
	}
}

// cancelRequest cancels the running statement of the session holding key.
// As in PostgreSQL, a wrong key or an idle session is silently ignored.
func (s *Server) cancelRequest(key backendKey) {
	s.mu.Lock()
	c, ok := s.keys[key.pid]
	s.mu.Unlock()
	if ok && c.key.secret == key.secret {
		c.cancelStatement()
	}
}
