package node

import (
	"net"

	"github.com/quiverdb/quiver/shard"
	"github.com/quiverdb/quiver/shard/shardrpc"
)

// rpcServer serves, on the RPC address, the node's data shards
// (shard.Service: Write and Query) over Arrow Flight for gateways on
// other nodes, and the cluster's actions (meta, join, membership).
type rpcServer struct {
	ln  net.Listener
	srv *shardrpc.Server
}

func newRPCServer(ln net.Listener) *rpcServer {
	return &rpcServer{ln: ln}
}

// prepare creates the server of svc answering actions with their
// handlers; serve then serves it.
func (s *rpcServer) prepare(svc shard.Service, actions map[string]shardrpc.ActionHandler) {
	s.srv = shardrpc.NewServer(svc, nil /* default allocator */)
	for typ, h := range actions {
		s.srv.Handle(typ, h)
	}
}

// serve serves until close.
func (s *rpcServer) serve() error {
	return s.srv.Serve(s.ln)
}

// close stops serving, ends the calls in flight and waits for them.
func (s *rpcServer) close() {
	if s.srv != nil {
		s.srv.Stop()
	}
	s.ln.Close()
}
