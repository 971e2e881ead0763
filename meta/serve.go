package meta

import (
	"context"
	"time"

	"github.com/quiverdb/quiver/internal/pgerror"
)

// ErrNoMetaReplica is returned by the Serve functions on a node that does
// not run a meta replica (yet): the caller tries another node.
var ErrNoMetaReplica = pgerror.New(pgerror.CannotConnectNow, "this node holds no meta shard replica")

// ServePropose answers ActionPropose with the node's replica l (nil when
// the node has none).
func ServePropose(ctx context.Context, l *Local, body []byte) ([]byte, error) {
	if l == nil {
		return nil, ErrNoMetaReplica
	}
	cmd, err := DecodeCommand(body)
	if err != nil {
		return nil, pgerror.WithCode(err, pgerror.ProtocolViolation)
	}
	s, err := l.Propose(ctx, cmd)
	if err != nil {
		return nil, err
	}
	return EncodeProposeReply(s)
}

// stateReadTimeout bounds the linearizable read behind ServeState.
const stateReadTimeout = time.Second

// ServeState answers ActionState with the state of the node's replica l
// after a linearizable read or, when the meta shard cannot serve one
// within stateReadTimeout (it has no quorum, e.g. while a new replica
// that only learns it should start from this answer joins), with the
// state the replica applied.
func ServeState(ctx context.Context, l *Local) ([]byte, error) {
	if l == nil {
		return nil, ErrNoMetaReplica
	}
	rctx, cancel := context.WithTimeout(ctx, stateReadTimeout)
	defer cancel()
	s, err := l.Sync(rctx)
	if err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		s = l.State()
	}
	return EncodeState(s)
}
