package shard

import (
	"errors"

	"github.com/lni/dragonboat/v4"
	"github.com/quiverdb/quiver/internal/pgerror"
)

// raftError maps a dragonboat error of a request to shard to an error
// with a SQLSTATE a driver can act on. write says whether the request was
// a proposal, whose outcome is unknown after a timeout.
func raftError(err error, shard uint64, write bool) error {
	code, msg := raftCode(err, write)
	return pgerror.Wrapf(err, code, "shard %d: %s", shard, msg)
}

func raftCode(err error, write bool) (pgerror.Code, string) {
	switch {
	case errors.Is(err, dragonboat.ErrTimeout):
		if write {
			return pgerror.StatementCompletionUnknown, "write timed out; it may or may not have been applied"
		}
		return pgerror.SerializationFailure, "read timed out; retry"
	case errors.Is(err, dragonboat.ErrCanceled):
		return pgerror.QueryCanceled, "canceling statement due to user request"
	case errors.Is(err, dragonboat.ErrClosed), errors.Is(err, dragonboat.ErrShardClosed):
		return pgerror.AdminShutdown, "terminating connection due to node shutdown"
	case errors.Is(err, dragonboat.ErrShardNotReady), errors.Is(err, dragonboat.ErrSystemBusy),
		errors.Is(err, dragonboat.ErrShardNotInitialized), errors.Is(err, dragonboat.ErrRejected),
		errors.Is(err, dragonboat.ErrAborted), errors.Is(err, dragonboat.ErrTimeoutTooSmall):
		// Rejected before entering the log (ErrTimeoutTooSmall: too little
		// of the deadline was left to propose): nothing was applied.
		return pgerror.SerializationFailure, "shard is not ready; retry"
	case errors.Is(err, dragonboat.ErrShardNotFound), errors.Is(err, dragonboat.ErrReplicaRemoved):
		return pgerror.ConnectionFailure, "shard has no replica on this node"
	case errors.Is(err, dragonboat.ErrPayloadTooBig):
		return pgerror.ProgramLimitExceeded, "write too large for one command"
	}
	return pgerror.SystemError, "raft request failed"
}

// errStale answers a command whose request was superseded by a later one
// of the same client: the gateway had given up on it, and it wrote
// nothing.
var errStale = pgerror.New(pgerror.StatementCompletionUnknown,
	"shard: write superseded by a later request of its client; it was not applied")
