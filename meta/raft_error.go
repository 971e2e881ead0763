package meta

import (
	"context"
	"errors"

	"github.com/lni/dragonboat/v4"
	"github.com/quiverdb/quiver/internal/pgerror"
)

var errNoLeader = errors.New("meta shard has no leader")

func orNoLeader(err error) error {
	if err != nil {
		return err
	}
	return errNoLeader
}

// raftError gives a dragonboat error its SQLSTATE: 57P01 when the node is
// shutting down, 57014 when the caller cancelled, 40001 when the request
// may be retried, 58000 otherwise.
func raftError(ctx context.Context, err error) error {
	switch {
	case errors.Is(err, dragonboat.ErrClosed), errors.Is(err, dragonboat.ErrShardClosed):
		return pgerror.Wrapf(err, pgerror.AdminShutdown, "meta shard is shutting down")
	case errors.Is(ctx.Err(), context.Canceled), errors.Is(err, dragonboat.ErrCanceled):
		return pgerror.Wrapf(err, pgerror.QueryCanceled, "canceling statement due to user request")
	case retryable(err):
		return pgerror.WithHint(
			pgerror.Wrapf(err, pgerror.SerializationFailure, "meta shard unavailable"),
			"The catalog change may or may not have been applied; retry the statement.")
	case errors.Is(err, dragonboat.ErrPayloadTooBig):
		return pgerror.Wrapf(err, pgerror.ProgramLimitExceeded, "catalog change too large")
	}
	return pgerror.Wrapf(err, pgerror.SystemError, "meta shard")
}

func retryable(err error) bool {
	for _, r := range []error{
		dragonboat.ErrTimeout, dragonboat.ErrTimeoutTooSmall, dragonboat.ErrSystemBusy, dragonboat.ErrShardNotReady,
		dragonboat.ErrAborted, dragonboat.ErrRejected, dragonboat.ErrShardNotInitialized,
		context.DeadlineExceeded, errNoLeader,
	} {
		if errors.Is(err, r) {
			return true
		}
	}
	return false
}
