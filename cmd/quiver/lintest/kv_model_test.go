package lintest

import (
	"fmt"

	"github.com/anishathalye/porcupine"
)

// opKind is what a linearizability client does to a register.
type opKind uint8

const (
	opRead opKind = iota
	opWrite
	opCAS
)

// kvInput is an operation on register key: read it, write value, or set
// it to value if it holds old.
type kvInput struct {
	kind  opKind
	key   int
	value int64
	old   int64
}

// kvOutput is what the operation returned: a read's value, whether a
// compare-and-set matched. unknown marks an operation whose outcome the
// client never learnt: it may or may not have applied.
type kvOutput struct {
	value   int64
	ok      bool
	unknown bool
}

// initialValue is every register's value before the run.
const initialValue int64 = 0

// kvModel is a set of integer registers, partitioned by key: each key is
// checked on its own.
var kvModel = porcupine.Model{
	Partition: partitionByKey,
	Init:      func() any { return initialValue },
	Step:      stepRegister,
	DescribeOperation: func(in, out any) string {
		return describe(in.(kvInput), out.(kvOutput))
	},
	DescribeState: func(state any) string { return fmt.Sprint(state) },
}

func partitionByKey(history []porcupine.Operation) [][]porcupine.Operation {
	byKey := map[int][]porcupine.Operation{}
	var keys []int
	for _, op := range history {
		k := op.Input.(kvInput).key
		if _, ok := byKey[k]; !ok {
			keys = append(keys, k)
		}
		byKey[k] = append(byKey[k], op)
	}
	out := make([][]porcupine.Operation, 0, len(keys))
	for _, k := range keys {
		out = append(out, byKey[k])
	}
	return out
}

// stepRegister applies in to the register's state if out is a possible
// answer. An unknown compare-and-set is allowed either way: when the
// register holds old it applies, else it fails without effect.
func stepRegister(state, in, out any) (bool, any) {
	v := state.(int64)
	i, o := in.(kvInput), out.(kvOutput)
	switch i.kind {
	case opRead:
		return o.value == v, v
	case opWrite:
		return true, i.value
	}
	matched := v == i.old
	if o.unknown {
		if matched {
			return true, i.value
		}
		return true, v
	}
	if matched != o.ok {
		return false, v
	}
	if matched {
		return true, i.value
	}
	return true, v
}

func describe(in kvInput, out kvOutput) string {
	var s string
	switch in.kind {
	case opRead:
		s = fmt.Sprintf("get(k%d) -> %d", in.key, out.value)
	case opWrite:
		s = fmt.Sprintf("put(k%d, %d)", in.key, in.value)
	default:
		s = fmt.Sprintf("cas(k%d, %d -> %d) -> %v", in.key, in.old, in.value, out.ok)
	}
	if out.unknown {
		s += " ?"
	}
	return s
}
