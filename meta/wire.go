package meta

import "github.com/quiverdb/quiver/internal/pgerror"

// Actions of the meta RPC: a node without a meta replica calls them on a
// node with one (see Remote and Serve*).
const (
	// ActionPropose commits an EncodeCommand body; the reply is
	// EncodeProposeReply's.
	ActionPropose = "quiver.meta.propose"
	// ActionState answers with EncodeState of the serving replica's state
	// after a linearizable read.
	ActionState = "quiver.meta.state"
	// ActionJoin registers a joining node (a JoinRequest); the reply is a
	// JoinReply. The node wiring serves it.
	ActionJoin = "quiver.meta.join"
)

const (
	stateEncodingV1 byte = 1
	replyEncodingV1 byte = 1
	joinEncodingV1  byte = 1
)

// EncodeState returns the wire form of s.
func EncodeState(s *State) ([]byte, error) { return encodeVersioned(stateEncodingV1, s) }

// DecodeState decodes EncodeState's output.
func DecodeState(b []byte) (*State, error) {
	s := &State{}
	if err := decodeVersioned(stateEncodingV1, b, s); err != nil {
		return nil, err
	}
	return s, nil
}

// proposeReply is the reply to ActionPropose: the state after the command
// and the notice of a skipped command. Errors travel as RPC errors.
type proposeReply struct {
	State  *State
	Notice *wireError `json:",omitempty"`
}

// EncodeProposeReply returns the wire form of Propose's result s.
func EncodeProposeReply(s *State) ([]byte, error) {
	r := proposeReply{State: s}
	if s.Notice != nil {
		r.Notice = toWire(s.Notice)
	}
	return encodeVersioned(replyEncodingV1, r)
}

// DecodeProposeReply decodes EncodeProposeReply's output.
func DecodeProposeReply(b []byte) (*State, error) {
	var r proposeReply
	if err := decodeVersioned(replyEncodingV1, b, &r); err != nil {
		return nil, err
	}
	if r.State == nil {
		return nil, pgerror.AssertionFailedf("meta propose reply without a state")
	}
	r.State.Notice = r.Notice.pgError()
	return r.State, nil
}

// JoinRequest is the body of ActionJoin: the addresses of the joining
// node.
type JoinRequest struct{ Node Node }

// JoinReply is the answer to ActionJoin.
type JoinReply struct {
	NodeID    uint64
	ClusterID uint64
}

// EncodeJoin and DecodeJoin carry JoinRequest and JoinReply.
func EncodeJoin(v any) ([]byte, error) { return encodeVersioned(joinEncodingV1, v) }

// DecodeJoin decodes EncodeJoin's output into v.
func DecodeJoin(b []byte, v any) error {
	if err := decodeVersioned(joinEncodingV1, b, v); err != nil {
		return pgerror.WithCode(err, pgerror.ProtocolViolation)
	}
	return nil
}
