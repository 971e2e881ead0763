package pgwire

import (
	"context"
	"testing"

	"github.com/quiverdb/quiver/internal/pgerror"
)

func TestRunGuardedTurnsPanicIntoInternalError(t *testing.T) {
	err := runGuarded(context.Background(), func(context.Context) error {
		var rows []int
		_ = rows[3] // index out of range
		return nil
	})
	if code := pgerror.CodeOf(err); code != pgerror.InternalError {
		t.Fatalf("runGuarded = %v (%s), want XX000", err, code)
	}
}
