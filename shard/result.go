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
)

// result is what apply returns: a kind and the index of the failing op.
type result struct {
	kind resultKind
	op   int
}

// encode packs r into a dragonboat result: Value = op<<2 | kind.
func (r result) encode() sm.Result {
	return sm.Result{Value: uint64(r.op)<<2 | uint64(r.kind)}
}

func decodeResult(res sm.Result) result {
	return result{kind: resultKind(res.Value & 3), op: int(res.Value >> 2)}
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
	}
	return errBadCommand
}
