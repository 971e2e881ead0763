package shard

import (
	sm "github.com/lni/dragonboat/v4/statemachine"
)

// resultKind is the outcome of applying one command.
type resultKind uint64

const (
	resultOK resultKind = iota
	resultDuplicate
	resultConflict
	resultBadCommand
	// resultStale: the command's sequence number is below the last one
	// applied for its client; it was superseded and wrote nothing.
	resultStale
)

// resultKindBits is the width of the kind in an encoded result.
const resultKindBits = 3

// result is what apply returns: a kind and the index of the failing op.
type result struct {
	kind resultKind
	op   int
}

// encode packs r into a dragonboat result: Value = op<<3 | kind.
func (r result) encode() sm.Result {
	return sm.Result{Value: r.value()}
}

func (r result) value() uint64 { return uint64(r.op)<<resultKindBits | uint64(r.kind) }

func decodeResult(res sm.Result) result { return resultOf(res.Value) }

func resultOf(v uint64) result {
	return result{kind: resultKind(v & (1<<resultKindBits - 1)), op: int(v >> resultKindBits)}
}

// err returns the error the gateway sees for r, nil on success.
func (r result) err() error {
	switch r.kind {
	case resultOK:
		return nil
	case resultDuplicate:
		return &DuplicateKeyError{Op: r.op}
	case resultConflict:
		return &ConflictError{Op: r.op}
	case resultStale:
		return errStale
	}
	return errBadCommand
}
