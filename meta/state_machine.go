package meta

import (
	"io"
	"sync/atomic"

	sm "github.com/lni/dragonboat/v4/statemachine"
)

// stateMachine is the meta shard's dragonboat state machine. The catalog
// is small, so it lives in memory; dragonboat rebuilds it at restart from
// the latest snapshot and the log after it.
type stateMachine struct {
	// cur is shared with the Local that created the state machine, so
	// readers see every applied State without locking.
	cur *atomic.Pointer[State]
	// applied, when set, receives the index of each applied entry.
	applied *atomic.Uint64
}

var _ sm.IStateMachine = (*stateMachine)(nil)

func newStateMachine(cur *atomic.Pointer[State]) *stateMachine {
	cur.Store(&State{})
	return &stateMachine{cur: cur}
}

// Update implements sm.IStateMachine. A command that fails leaves the
// state unchanged; its error travels back in the result.
func (m *stateMachine) Update(e sm.Entry) (sm.Result, error) {
	s := m.cur.Load()
	cmd, err := DecodeCommand(e.Cmd)
	next, res := s, []byte(nil)
	if err != nil {
		res = encodeResult(failed(s, err))
	} else {
		next, res = applyRequest(s, cmd)
	}
	if next != s {
		m.cur.Store(next)
	}
	if m.applied != nil {
		m.applied.Store(e.Index)
	}
	return sm.Result{Value: next.Version, Data: res}, nil
}

// Lookup implements sm.IStateMachine: any query returns the current
// *State.
func (m *stateMachine) Lookup(any) (any, error) {
	return m.cur.Load(), nil
}

// SaveSnapshot implements sm.IStateMachine.
func (m *stateMachine) SaveSnapshot(w io.Writer, _ sm.ISnapshotFileCollection, _ <-chan struct{}) error {
	b, err := encodeVersioned(snapshotEncodingV1, m.cur.Load())
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// RecoverFromSnapshot implements sm.IStateMachine.
func (m *stateMachine) RecoverFromSnapshot(r io.Reader, _ []sm.SnapshotFile, _ <-chan struct{}) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s := &State{}
	if err := decodeVersioned(snapshotEncodingV1, b, s); err != nil {
		return err
	}
	m.cur.Store(s)
	return nil
}

// Close implements sm.IStateMachine.
func (m *stateMachine) Close() error { return nil }
