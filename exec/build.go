package exec

import (
	"context"

	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
)

// TODO(#2): the exec work replaces this with the real builder.
func build(ctx context.Context, node *execpb.Node, env *Env) (Operator, error) {
	return nil, pgerror.New(pgerror.FeatureNotSupported, "exec: not built yet")
}
