package meta

import (
	"context"
	"testing"

	"github.com/quiverdb/quiver/internal/pgerror"
)

// fakeTransport serves meta actions from a State per address; an address
// without one is unreachable.
type fakeTransport struct {
	states map[string]*State
	calls  []string
	err    error // returned by every reachable address when set
}

func (f *fakeTransport) Call(_ context.Context, addr, action string, body []byte) ([]byte, error) {
	f.calls = append(f.calls, addr+" "+action)
	s, ok := f.states[addr]
	if !ok {
		return nil, pgerror.New(pgerror.ConnectionException, addr+" unreachable")
	}
	if f.err != nil {
		return nil, f.err
	}
	switch action {
	case ActionState:
		return EncodeState(s)
	case ActionPropose:
		if _, err := DecodeCommand(body); err != nil {
			return nil, err
		}
		n := *s
		n.Version++
		n.Notice = pgerror.Flatten(pgerror.New(pgerror.DuplicateTable, `relation "t" already exists, skipping`))
		return EncodeProposeReply(&n)
	}
	return nil, pgerror.New(pgerror.FeatureNotSupported, action)
}

func TestRemote(t *testing.T) {
	s := &State{Version: 7, NextDatabaseID: 2,
		Nodes:        []Node{{ID: 1, RPCAddr: "n1"}, {ID: 2, RPCAddr: "n2"}},
		MetaReplicas: map[uint64]string{1: "r1", 2: "r2"}}
	tr := &fakeTransport{states: map[string]*State{"seed": s}}
	r := NewRemote(tr, []string{"seed"})
	ctx := context.Background()
	if err := r.Refresh(ctx); err != nil || r.State().Version != 7 {
		t.Fatalf("Refresh through the seed: %v, version %d", err, r.State().Version)
	}
	// Now the meta replicas' nodes come first; n1 is down, n2 answers.
	tr.states = map[string]*State{"n2": s}
	tr.calls = nil
	got, err := r.Propose(ctx, &Command{CreateDatabase: &CreateDatabase{Name: "x"}})
	if err != nil || got.Version != 8 || got.Notice == nil || got.Notice.Code != pgerror.DuplicateTable {
		t.Fatalf("Propose = %+v, %v", got, err)
	}
	if want := "[n1 quiver.meta.propose n2 quiver.meta.propose]"; fmtCalls(tr.calls) != want {
		t.Fatalf("calls %s, want %s", fmtCalls(tr.calls), want)
	}
	if r.State().Version != 8 || r.State().Notice != nil {
		t.Fatalf("published state: version %d notice %v", r.State().Version, r.State().Notice)
	}
	// An older state never replaces a newer one.
	r.Offer(&State{Version: 3})
	if r.State().Version != 8 {
		t.Fatalf("an older state replaced version 8")
	}
	// An error from a reachable replica is the answer, not a reason to
	// send the command elsewhere.
	tr.states = map[string]*State{"n1": s, "n2": s}
	tr.err = pgerror.New(pgerror.DuplicateDatabase, `database "x" already exists`)
	tr.calls = nil
	if _, err := r.Propose(ctx, &Command{CreateDatabase: &CreateDatabase{Name: "x"}}); pgerror.CodeOf(err) != pgerror.DuplicateDatabase || len(tr.calls) != 1 {
		t.Fatalf("Propose = %v after %v", err, tr.calls)
	}
	// Nobody reachable: 08006.
	tr.states = nil
	if err := r.Refresh(ctx); pgerror.CodeOf(err) != pgerror.ConnectionFailure {
		t.Fatalf("Refresh with every node down = %v", err)
	}
}

func fmtCalls(c []string) string {
	out := "["
	for i, s := range c {
		if i > 0 {
			out += " "
		}
		out += s
	}
	return out + "]"
}

func TestUnreachable(t *testing.T) {
	for _, tc := range []struct {
		code pgerror.Code
		want bool
	}{
		{pgerror.ConnectionException, true},
		{pgerror.ConnectionFailure, true},
		{pgerror.CannotConnectNow, true},
		{pgerror.SerializationFailure, false},
		{pgerror.DuplicateTable, false},
	} {
		if got := Unreachable(pgerror.New(tc.code, "x")); got != tc.want {
			t.Errorf("Unreachable(%s) = %v", tc.code, got)
		}
	}
}
