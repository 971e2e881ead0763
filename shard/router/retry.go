package router

import (
	"errors"

	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/shard"
)

// retryable reports whether a request that failed with err may be sent
// again, to the same or another node. See the package invariants.
func retryable(err error, write bool) bool {
	var dup *shard.DuplicateKeyError
	var conflict *shard.ConflictError
	if errors.As(err, &dup) || errors.As(err, &conflict) {
		return false
	}
	switch pgerror.CodeOf(err) {
	case pgerror.ConnectionException, pgerror.ConnectionFailure, pgerror.CannotConnectNow:
		return true
	case pgerror.SerializationFailure:
		// Raft dropped the request before it entered the log (no
		// leader, shard not ready) or a read timed out.
		return true
	case pgerror.AdminShutdown:
		// The serving node is stopping: a read may go elsewhere; a
		// write's fate is unknown.
		return !write
	}
	return false
}
