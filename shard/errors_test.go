package shard

import (
	"fmt"
	"testing"

	"github.com/lni/dragonboat/v4"
	"github.com/quiverdb/quiver/internal/pgerror"
)

func TestRaftError(t *testing.T) {
	tests := []struct {
		err   error
		write bool
		want  pgerror.Code
	}{
		{dragonboat.ErrTimeout, true, pgerror.StatementCompletionUnknown},
		{dragonboat.ErrTimeout, false, pgerror.SerializationFailure},
		{dragonboat.ErrTimeoutTooSmall, true, pgerror.SerializationFailure},
		{dragonboat.ErrCanceled, true, pgerror.QueryCanceled},
		{dragonboat.ErrClosed, false, pgerror.AdminShutdown},
		{dragonboat.ErrShardClosed, true, pgerror.AdminShutdown},
		{dragonboat.ErrShardNotReady, true, pgerror.SerializationFailure},
		{dragonboat.ErrSystemBusy, true, pgerror.SerializationFailure},
		{fmt.Errorf("wrapped: %w", dragonboat.ErrShardNotFound), false, pgerror.ConnectionFailure},
		{dragonboat.ErrPayloadTooBig, true, pgerror.ProgramLimitExceeded},
		{fmt.Errorf("something else"), true, pgerror.SystemError},
	}
	for _, tc := range tests {
		if got := pgerror.CodeOf(raftError(tc.err, 4, tc.write)); got != tc.want {
			t.Errorf("%v (write %v): got %s, want %s", tc.err, tc.write, got, tc.want)
		}
	}
}

func TestResultErrors(t *testing.T) {
	for _, r := range []result{{kind: resultOK}, {kind: resultDuplicate, op: 7}, {kind: resultConflict, op: 1 << 20}} {
		got := decodeResult(r.encode())
		if got != r {
			t.Errorf("round trip %+v: %+v", r, got)
		}
	}
	if code := pgerror.CodeOf(result{kind: resultDuplicate, op: 3}.err()); code != pgerror.UniqueViolation {
		t.Errorf("duplicate: %s", code)
	}
	if err := (result{kind: resultConflict, op: 2}).err().(*ConflictError); err.Op != 2 {
		t.Errorf("conflict op %d", err.Op)
	}
}
