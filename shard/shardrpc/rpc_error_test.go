package shardrpc

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/shard"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

func TestErrorRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		err  error
		grpc codes.Code
	}{
		{"pgerror", errBoom, codes.Unknown},
		{"wrapped pgerror", fmt.Errorf("scan: %w", errBoom), codes.Unknown},
		{"duplicate", &shard.DuplicateKeyError{Op: 4}, codes.AlreadyExists},
		{"conflict", &shard.ConflictError{Op: 0}, codes.Aborted},
		{"plain", errors.New("boom"), codes.Unknown},
		{"canceled", context.Canceled, codes.Canceled},
		{"bad input", errBadTicket, codes.InvalidArgument},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wire := toStatus(tt.err)
			if got := status.Code(wire); got != tt.grpc {
				t.Errorf("gRPC code = %s, want %s", got, tt.grpc)
			}
			// What crosses is the status alone: rebuild it from its proto.
			st, _ := status.FromError(wire)
			got := fromRPC(context.Background(), status.FromProto(st.Proto()).Err(), false)
			checkWriteError(t, got, tt.err)
		})
	}
}

func TestErrorTransport(t *testing.T) {
	plain := status.Error(codes.Unavailable, "connection refused")
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name  string
		ctx   context.Context
		write bool
		code  pgerror.Code
	}{
		{"query", context.Background(), false, pgerror.ConnectionFailure},
		{"write", context.Background(), true, pgerror.StatementCompletionUnknown},
		{"cancelled query", cancelled, false, pgerror.QueryCanceled},
		{"cancelled write", cancelled, true, pgerror.QueryCanceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := pgerror.CodeOf(fromRPC(tt.ctx, plain, tt.write)); got != tt.code {
				t.Errorf("code = %s, want %s", got, tt.code)
			}
		})
	}
	if fromRPC(context.Background(), nil, false) != nil || toStatus(nil) != nil {
		t.Error("nil error did not stay nil")
	}
}
