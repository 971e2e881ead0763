package lintest

import (
	"math"
	"testing"

	"github.com/anishathalye/porcupine"
)

func TestStepRegister(t *testing.T) {
	for _, tc := range []struct {
		name  string
		state int64
		in    kvInput
		out   kvOutput
		ok    bool
		next  int64
	}{
		{"read matches", 3, kvInput{kind: opRead}, kvOutput{value: 3}, true, 3},
		{"read differs", 3, kvInput{kind: opRead}, kvOutput{value: 4}, false, 3},
		{"write", 3, kvInput{kind: opWrite, value: 7}, kvOutput{}, true, 7},
		{"cas hit", 3, kvInput{kind: opCAS, old: 3, value: 9}, kvOutput{ok: true}, true, 9},
		{"cas miss", 3, kvInput{kind: opCAS, old: 2, value: 9}, kvOutput{ok: false}, true, 3},
		{"cas claims hit on a miss", 3, kvInput{kind: opCAS, old: 2, value: 9}, kvOutput{ok: true}, false, 3},
		{"cas claims miss on a hit", 3, kvInput{kind: opCAS, old: 3, value: 9}, kvOutput{ok: false}, false, 3},
		{"unknown cas on a hit applies", 3, kvInput{kind: opCAS, old: 3, value: 9}, kvOutput{unknown: true}, true, 9},
		{"unknown cas on a miss", 3, kvInput{kind: opCAS, old: 1, value: 9}, kvOutput{unknown: true}, true, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ok, next := stepRegister(tc.state, tc.in, tc.out)
			if ok != tc.ok || (ok && next.(int64) != tc.next) {
				t.Fatalf("step = %v, %v; want %v, %v", ok, next, tc.ok, tc.next)
			}
		})
	}
}

// TestKVModelChecks checks the model on small histories porcupine must
// accept or reject: a stale read after a completed write is caught, and
// an unknown write may be seen or not.
func TestKVModelChecks(t *testing.T) {
	op := func(client int, call, ret int64, in kvInput, out kvOutput) porcupine.Operation {
		return porcupine.Operation{ClientId: client, Call: call, Return: ret, Input: in, Output: out}
	}
	never := int64(math.MaxInt64)
	for _, tc := range []struct {
		name    string
		history []porcupine.Operation
		want    porcupine.CheckResult
	}{
		{"stale read", []porcupine.Operation{
			op(0, 0, 10, kvInput{kind: opWrite, key: 1, value: 5}, kvOutput{}),
			op(1, 20, 30, kvInput{kind: opRead, key: 1}, kvOutput{value: 0}),
		}, porcupine.Illegal},
		{"other key unaffected", []porcupine.Operation{
			op(0, 0, 10, kvInput{kind: opWrite, key: 1, value: 5}, kvOutput{}),
			op(1, 20, 30, kvInput{kind: opRead, key: 2}, kvOutput{value: 0}),
		}, porcupine.Ok},
		{"unknown write seen", []porcupine.Operation{
			op(0, 0, never, kvInput{kind: opWrite, key: 1, value: 5}, kvOutput{unknown: true}),
			op(1, 20, 30, kvInput{kind: opRead, key: 1}, kvOutput{value: 5}),
		}, porcupine.Ok},
		{"unknown write unseen", []porcupine.Operation{
			op(0, 0, never, kvInput{kind: opWrite, key: 1, value: 5}, kvOutput{unknown: true}),
			op(1, 20, 30, kvInput{kind: opRead, key: 1}, kvOutput{value: 0}),
		}, porcupine.Ok},
		{"value flips back", []porcupine.Operation{
			op(0, 0, 10, kvInput{kind: opWrite, key: 1, value: 5}, kvOutput{}),
			op(1, 20, 30, kvInput{kind: opRead, key: 1}, kvOutput{value: 5}),
			op(1, 40, 50, kvInput{kind: opRead, key: 1}, kvOutput{value: 0}),
		}, porcupine.Illegal},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := porcupine.CheckOperationsTimeout(kvModel, tc.history, 0); got != tc.want {
				t.Fatalf("check = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestCheckNoLoss(t *testing.T) {
	for _, tc := range []struct {
		name    string
		ins     *inserts
		present map[int64]int
		ok      bool
	}{
		{"all present", &inserts{acked: map[int64]bool{1: true, 2: true}, unknown: map[int64]bool{3: true}}, map[int64]int{1: 1, 2: 1}, true},
		{"unknown present", &inserts{acked: map[int64]bool{1: true}, unknown: map[int64]bool{3: true}}, map[int64]int{1: 1, 3: 1}, true},
		{"acked lost", &inserts{acked: map[int64]bool{1: true, 2: true}}, map[int64]int{1: 1}, false},
		{"twice", &inserts{acked: map[int64]bool{1: true}}, map[int64]int{1: 2}, false},
		{"stray", &inserts{acked: map[int64]bool{1: true}}, map[int64]int{1: 1, 9: 1}, false},
		{"duplicate answer", &inserts{acked: map[int64]bool{1: true}, duplicates: []int64{4}}, map[int64]int{1: 1}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := checkNoLoss(tc.ins, tc.present); (err == nil) != tc.ok {
				t.Fatalf("checkNoLoss = %v, want ok=%v", err, tc.ok)
			}
		})
	}
}
