package shardrpc

import (
	"context"
	"errors"
	"strconv"

	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/shard"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// ErrorDomain is the errdetails.ErrorInfo domain of Quiver's errors.
const ErrorDomain = "quiverdb.shardrpc"

// Reasons of an ErrorInfo: which Go type the client rebuilds.
const (
	reasonPG           = "PGERROR"
	reasonDuplicateKey = "DUPLICATE_KEY"
	reasonConflict     = "CONFLICT"
)

// Metadata keys of an ErrorInfo.
const (
	keyCode    = "sqlstate"
	keyMessage = "message"
	keyDetail  = "detail"
	keyHint    = "hint"
	keyOp      = "op"
)

// toStatus returns err as a gRPC status error whose details carry its
// SQLSTATE fields; nil stays nil.
func toStatus(err error) error {
	if err == nil {
		return nil
	}
	info := errorInfo(err)
	st := status.New(grpcCode(err), info.Metadata[keyMessage])
	if withDetails, derr := st.WithDetails(info); derr == nil {
		st = withDetails
	}
	return st.Err()
}

// errorInfo flattens err into an ErrorInfo.
func errorInfo(err error) *errdetails.ErrorInfo {
	pe := pgerror.Flatten(err)
	info := &errdetails.ErrorInfo{
		Reason: reasonPG,
		Domain: ErrorDomain,
		Metadata: map[string]string{
			keyCode:    string(pe.Code),
			keyMessage: pe.Message,
			keyDetail:  pe.Detail,
			keyHint:    pe.Hint,
		},
	}
	var dup *shard.DuplicateKeyError
	var conflict *shard.ConflictError
	switch {
	case errors.As(err, &dup):
		info.Reason, info.Metadata[keyOp] = reasonDuplicateKey, strconv.Itoa(dup.Op)
	case errors.As(err, &conflict):
		info.Reason, info.Metadata[keyOp] = reasonConflict, strconv.Itoa(conflict.Op)
	}
	return info
}

// grpcCode is the status code that best describes err to gRPC tooling;
// clients rely on the details, not on it.
func grpcCode(err error) codes.Code {
	switch {
	case errors.Is(err, context.Canceled):
		return codes.Canceled
	case errors.Is(err, context.DeadlineExceeded):
		return codes.DeadlineExceeded
	}
	switch pgerror.CodeOf(err) {
	case pgerror.UniqueViolation:
		return codes.AlreadyExists
	case pgerror.SerializationFailure:
		return codes.Aborted
	case pgerror.QueryCanceled:
		return codes.Canceled
	case pgerror.ProtocolViolation:
		return codes.InvalidArgument
	}
	return codes.Unknown
}

// fromRPC turns an error returned by a gRPC call made under ctx back into
// the error the remote service returned, or into a SQLSTATE error that
// describes the transport failure. write says whether the call was a
// write, whose outcome a transport failure leaves unknown.
func fromRPC(ctx context.Context, err error, write bool) error {
	if err == nil {
		return nil
	}
	if st, ok := statusOf(err); ok {
		if info := quiverInfo(st); info != nil {
			return fromInfo(info)
		}
	}
	if cerr := ctx.Err(); cerr != nil {
		return canceled(cerr)
	}
	if write {
		return pgerror.Wrapf(err, pgerror.StatementCompletionUnknown, "shard write failed in transport; it may or may not have been applied")
	}
	return pgerror.Wrapf(err, pgerror.ConnectionFailure, "shard query failed in transport")
}

// statusOf finds the gRPC status in err's chain.
func statusOf(err error) (*status.Status, bool) {
	var se interface{ GRPCStatus() *status.Status }
	if !errors.As(err, &se) {
		return nil, false
	}
	return se.GRPCStatus(), true
}

// quiverInfo returns st's ErrorInfo of domain ErrorDomain, or nil.
func quiverInfo(st *status.Status) *errdetails.ErrorInfo {
	for _, d := range st.Details() {
		if info, ok := d.(*errdetails.ErrorInfo); ok && info.Domain == ErrorDomain {
			return info
		}
	}
	return nil
}

// fromInfo rebuilds the error that errorInfo flattened.
func fromInfo(info *errdetails.ErrorInfo) error {
	md := info.Metadata
	op, opErr := strconv.Atoi(md[keyOp])
	switch {
	case info.Reason == reasonDuplicateKey && opErr == nil:
		return &shard.DuplicateKeyError{Op: op}
	case info.Reason == reasonConflict && opErr == nil:
		return &shard.ConflictError{Op: op}
	}
	code := pgerror.Code(md[keyCode])
	if len(code) != 5 {
		code = pgerror.InternalError
	}
	return &pgerror.Error{Code: code, Message: md[keyMessage], Detail: md[keyDetail], Hint: md[keyHint]}
}

// canceled is the error of a call whose context ended with cerr.
func canceled(cerr error) error {
	return pgerror.Wrapf(cerr, pgerror.QueryCanceled, "canceling statement due to user request")
}
