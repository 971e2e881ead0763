package router

import (
	"errors"

	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/shard"
)

// requestKind is what a request does, which decides what may be retried.
type requestKind uint8

const (
	kindRead requestKind = iota
	// kindWrite is a write with a request identity: the shard applies it
	// at most once, so it may be re-sent whatever happened to an earlier
	// attempt.
	kindWrite
)

// retryable reports whether a request that failed with err may be sent
// again, to the same or another node. See the package invariants.
func retryable(err error, kind requestKind) bool {
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
		// The serving node is stopping: send the request elsewhere.
		return true
	case pgerror.StatementCompletionUnknown, pgerror.QueryCanceled:
		// A write timed out, lost its connection mid-call or hit its
		// attempt's deadline (the caller's own cancellation stops do
		// before it asks): its request identity makes re-sending it
		// safe.
		return kind == kindWrite
	}
	return false
}

// outcomeUnknown reports whether a write that failed with err may have
// been applied: its proposal may have reached a Raft log.
func outcomeUnknown(err error) bool {
	switch pgerror.CodeOf(err) {
	case pgerror.StatementCompletionUnknown, pgerror.AdminShutdown, pgerror.QueryCanceled:
		return true
	}
	return false
}
