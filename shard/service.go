package shard

import (
	"context"

	"github.com/quiverdb/quiver/exec"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
)

// Service is what a gateway calls on a data shard, locally or over RPC:
// the two methods that every remote transport implements.
type Service interface {
	// Write proposes cmd to shard's Raft group and returns after it
	// applied. The command applies completely or not at all: a failed
	// precondition returns *DuplicateKeyError (23505) or *ConflictError
	// (40001) and writes nothing.
	Write(ctx context.Context, shard uint64, cmd *WriteCommand) error
	// Query runs a shard fragment over a linearizable snapshot of shard
	// and returns its output stream.
	Query(ctx context.Context, shard uint64, frag *execpb.Node) (exec.Operator, error)
}

// OpKind is the kind of one write.
type OpKind uint8

// Write kinds.
const (
	// OpInsert writes Key=Value; the command fails if Key exists.
	OpInsert OpKind = iota
	// OpPut writes Key=Value. When Expect is non-nil the key must hold
	// exactly Expect, else the command fails with a *ConflictError.
	OpPut
	// OpDelete deletes Key, with the same Expect check as OpPut.
	OpDelete
	// OpDeleteTable deletes every row of table Table in the shard.
	OpDeleteTable
)

// Op is one write. Keys are storage table keys without the shard prefix
// (storage.EncodeKey); the shard adds its prefix.
type Op struct {
	Kind   OpKind
	Key    []byte
	Value  []byte
	Expect []byte
	Table  uint32 // OpDeleteTable
}

// WriteCommand is a set of writes that one shard applies atomically.
//
// Client and Seq are the command's request identity (0: none). A gateway
// proposes the commands of one client id one at a time with increasing
// sequence numbers, so it may propose the same (Client, Seq) again when
// the outcome of a proposal is unknown: the shard applies it at most
// once and answers a repeat with the first outcome (see dedup.go).
type WriteCommand struct {
	Client uint64
	Seq    uint64
	Ops    []Op
}

// DuplicateKeyError reports the OpInsert (index Op in the command) whose
// key already existed. Its SQLSTATE is 23505; the gateway adds the
// constraint name and key to the message.
type DuplicateKeyError struct{ Op int }

func (e *DuplicateKeyError) Error() string { return "duplicate key value violates unique constraint" }

// PGCode implements pgerror.Coder.
func (e *DuplicateKeyError) PGCode() pgerror.Code { return pgerror.UniqueViolation }

// ConflictError reports an Op whose Expect did not match (40001): the row
// changed since the gateway read it.
type ConflictError struct{ Op int }

func (e *ConflictError) Error() string {
	return "could not serialize access due to concurrent update"
}

// PGCode implements pgerror.Coder.
func (e *ConflictError) PGCode() pgerror.Code { return pgerror.SerializationFailure }
