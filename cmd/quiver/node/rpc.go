package node

import (
	"net"

	"github.com/quiverdb/quiver/shard"
	"github.com/quiverdb/quiver/shard/shardrpc"
)

// rpcServer serves the node's data shards (shard.Service: Write and
// Query) over Arrow Flight on the RPC address, for gateways on other
// nodes.
type rpcServer struct {
	ln  net.Listener
	srv *shardrpc.Server
}

func newRPCServer(ln net.Listener) *rpcServer {
	return &rpcServer{ln: ln}
}

// serve serves svc until close.
func (s *rpcServer) serve(svc shard.Service) error {
	s.srv = shardrpc.NewServer(svc, nil /* default allocator */)
	return s.srv.Serve(s.ln)
}

// close stops serving, ends the calls in flight and waits for them.
func (s *rpcServer) close() {
	if s.srv != nil {
		s.srv.Stop()
	}
	s.ln.Close()
}
