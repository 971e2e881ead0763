package shardrpc

import (
	"context"
	"errors"
	"io"
	"testing"

	"github.com/quiverdb/quiver/internal/pgerror"
)

func TestQueryCancel(t *testing.T) {
	env := newTestEnv(t)
	ctx, cancel := context.WithCancel(context.Background())
	op, remote := startEndless(t, env, ctx, 3)
	cancel()
	err := nextUntilError(t, ctx, remote)
	if pgerror.CodeOf(err) != pgerror.QueryCanceled || !errors.Is(err, context.Canceled) {
		t.Errorf("Next after cancel = %v (%s), want 57014 wrapping context.Canceled", err, pgerror.CodeOf(err))
	}
	waitClosed(t, op.closed, "remote operator")
	remote.Close()
}

func TestQueryNextContext(t *testing.T) {
	env := newTestEnv(t)
	op, remote := startEndless(t, env, context.Background(), 2)
	defer remote.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := remote.Next(ctx); pgerror.CodeOf(err) != pgerror.QueryCanceled {
		t.Errorf("Next with a cancelled context = %v, want 57014", err)
	}
	waitClosed(t, op.closed, "remote operator")
}

func TestQueryCloseMidStream(t *testing.T) {
	env := newTestEnv(t)
	op, remote := startEndless(t, env, context.Background(), 2)
	if err := remote.Close(); err != nil {
		t.Fatal(err)
	}
	waitClosed(t, op.closed, "remote operator")
	if _, err := remote.Next(context.Background()); err != io.EOF {
		t.Errorf("Next after Close = %v, want io.EOF", err)
	}
}
