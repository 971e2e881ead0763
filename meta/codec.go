package meta

import (
	"encoding/json"

	"github.com/quiverdb/quiver/internal/pgerror"
)

// Encodings start with a version byte so that a later release can change
// them and still read what an older one wrote to the Raft log and to
// snapshots.
const (
	commandEncodingV1  byte = 1
	snapshotEncodingV1 byte = 1
)

// EncodeCommand returns the Raft log entry for cmd.
func EncodeCommand(cmd *Command) ([]byte, error) {
	return encodeVersioned(commandEncodingV1, cmd)
}

// DecodeCommand decodes a log entry written by EncodeCommand.
func DecodeCommand(b []byte) (*Command, error) {
	cmd := &Command{}
	if err := decodeVersioned(commandEncodingV1, b, cmd); err != nil {
		return nil, err
	}
	return cmd, nil
}

func encodeVersioned(version byte, v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, pgerror.AssertionFailedf("encoding meta value: %v", err)
	}
	return append([]byte{version}, b...), nil
}

func decodeVersioned(version byte, b []byte, v any) error {
	if len(b) == 0 {
		return pgerror.AssertionFailedf("empty meta encoding")
	}
	if b[0] != version {
		return pgerror.AssertionFailedf("unknown meta encoding version %d", b[0])
	}
	if err := json.Unmarshal(b[1:], v); err != nil {
		return pgerror.AssertionFailedf("decoding meta value: %v", err)
	}
	return nil
}

// wireError is a pgerror's fields as they travel in an sm.Result.
type wireError struct {
	Code    pgerror.Code `json:"c"`
	Message string       `json:"m"`
	Detail  string       `json:"d,omitempty"`
	Hint    string       `json:"h,omitempty"`
}

// wireResult is the Data of the sm.Result of one applied command; its
// Value is the state's version after the command.
type wireResult struct {
	Err    *wireError `json:"e,omitempty"`
	Notice *wireError `json:"n,omitempty"`
}

func toWire(err error) *wireError {
	if err == nil {
		return nil
	}
	e := pgerror.Flatten(err)
	return &wireError{Code: e.Code, Message: e.Message, Detail: e.Detail, Hint: e.Hint}
}

func (w *wireError) pgError() *pgerror.Error {
	if w == nil {
		return nil
	}
	return &pgerror.Error{Code: w.Code, Message: w.Message, Detail: w.Detail, Hint: w.Hint}
}

// encodeResult returns the sm.Result Data of o; nil when it neither failed
// nor was skipped.
func encodeResult(o outcome) []byte {
	if o.err == nil && o.notice == nil {
		return nil
	}
	var notice error
	if o.notice != nil {
		notice = o.notice
	}
	b, err := json.Marshal(wireResult{Err: toWire(o.err), Notice: toWire(notice)})
	if err != nil {
		return []byte(`{"e":{"c":"XX000","m":"internal error: encoding meta result"}}`)
	}
	return b
}

// decodeResult returns the notice and error carried by an sm.Result Data.
func decodeResult(data []byte) (notice *pgerror.Error, err error) {
	if len(data) == 0 {
		return nil, nil
	}
	var w wireResult
	if jerr := json.Unmarshal(data, &w); jerr != nil {
		return nil, pgerror.AssertionFailedf("decoding meta result: %v", jerr)
	}
	if w.Err != nil {
		return nil, w.Err.pgError()
	}
	return w.Notice.pgError(), nil
}
