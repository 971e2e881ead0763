package meta

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/lni/dragonboat/v4"
	"github.com/quiverdb/quiver/internal/pgerror"
)

func TestRaftError(t *testing.T) {
	live := context.Background()
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tc := range []struct {
		ctx  context.Context
		err  error
		want pgerror.Code
	}{
		{live, dragonboat.ErrClosed, pgerror.AdminShutdown},
		{live, dragonboat.ErrShardClosed, pgerror.AdminShutdown},
		{live, fmt.Errorf("wrapped: %w", dragonboat.ErrClosed), pgerror.AdminShutdown},
		{cancelled, dragonboat.ErrTimeout, pgerror.QueryCanceled},
		{live, dragonboat.ErrCanceled, pgerror.QueryCanceled},
		{live, dragonboat.ErrTimeout, pgerror.SerializationFailure},
		{live, dragonboat.ErrTimeoutTooSmall, pgerror.SerializationFailure},
		{live, dragonboat.ErrSystemBusy, pgerror.SerializationFailure},
		{live, dragonboat.ErrShardNotReady, pgerror.SerializationFailure},
		{live, errNoLeader, pgerror.SerializationFailure},
		{live, dragonboat.ErrPayloadTooBig, pgerror.ProgramLimitExceeded},
		{live, dragonboat.ErrShardNotFound, pgerror.SystemError},
		{live, errors.New("disk on fire"), pgerror.SystemError},
	} {
		got := raftError(tc.ctx, tc.err)
		if code := pgerror.CodeOf(got); code != tc.want {
			t.Errorf("raftError(%v) = %v (%s), want %s", tc.err, got, code, tc.want)
		}
		if !errors.Is(got, tc.err) {
			t.Errorf("raftError(%v) does not wrap the cause", tc.err)
		}
	}
}

func TestDecodeCommandRejectsGarbage(t *testing.T) {
	for _, b := range [][]byte{nil, {}, {9, '{', '}'}, {commandEncodingV1, 'x'}} {
		if _, err := DecodeCommand(b); pgerror.CodeOf(err) != pgerror.InternalError {
			t.Errorf("DecodeCommand(%q) = %v, want an XX000 error", b, err)
		}
	}
}

// TestApplyLeavesOldStateAlone checks copy-on-write: applying a command
// never changes the State it started from.
func TestApplyLeavesOldStateAlone(t *testing.T) {
	s0 := apply(&State{}, BootstrapCommand(Node{ID: 1, RaftAddr: "a"}, 2)).state
	s1 := apply(s0, createTable("t")).state
	before := formatState(s1)
	s2 := apply(s1, createTable("u")).state
	s3 := apply(s2, &Command{DropTable: &DropTable{Database: PostgresDatabaseID, Name: "t"}}).state
	apply(s3, &Command{DropDatabase: &DropDatabase{Name: "postgres"}})
	if after := formatState(s1); after != before {
		t.Fatalf("state changed under a reader:\nbefore:\n%s\nafter:\n%s", before, after)
	}
	if s1.Version != 2 || s2.Version != 3 || s3.Version != 4 {
		t.Fatalf("versions %d %d %d", s1.Version, s2.Version, s3.Version)
	}
}
