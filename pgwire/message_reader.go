package pgwire

import (
	"encoding/binary"
	"errors"
	"io"

	"github.com/jackc/pgproto3/v2"
	"github.com/quiverdb/quiver/internal/pgerror"
)

// DefaultMaxMessageSize bounds a client message when Config.MaxMessageSize
// is zero.
const DefaultMaxMessageSize = 32 << 20

// maxStartupPacketLen is PostgreSQL's MAX_STARTUP_PACKET_LENGTH.
const maxStartupPacketLen = 10000

// messageReader frames frontend messages. Unlike pgproto3.Backend.Receive
// it checks the length prefix against a bound before reading the body, and
// it validates bodies that pgproto3 would decode unsafely.
type messageReader struct {
	cr      pgproto3.ChunkReader
	maxSize int

	// Flyweights, valid until the next call to next.
	bind     pgproto3.Bind
	close    pgproto3.Close
	describe pgproto3.Describe
	execute  pgproto3.Execute
	flush    pgproto3.Flush
	parse    pgproto3.Parse
	query    pgproto3.Query
	sync     pgproto3.Sync
	term     pgproto3.Terminate
	copyData copyData
	copyDone copyDone
	copyFail copyFail
	fnCall   functionCall
}

func newMessageReader(r io.Reader, maxSize int) *messageReader {
	if maxSize <= 0 {
		maxSize = DefaultMaxMessageSize
	}
	return &messageReader{cr: pgproto3.NewChunkReader(r), maxSize: maxSize}
}

// errInvalidLength is the FATAL answer to a length prefix out of bounds.
var errInvalidLength = pgerror.New(pgerror.ProtocolViolation, "invalid message length")

// isProtocolError reports whether err is a protocol violation detected
// while reading (the connection must end), as opposed to an I/O error.
func isProtocolError(err error) bool {
	var e *pgerror.Error
	return errors.As(err, &e)
}

// next reads one message. I/O errors are returned as they are; protocol
// violations are 08P01 *pgerror.Error values.
func (r *messageReader) next() (pgproto3.FrontendMessage, error) {
	header, err := r.cr.Next(5)
	if err != nil {
		return nil, err
	}
	typ := header[0]
	n := int64(binary.BigEndian.Uint32(header[1:]))
	if n < 4 || n-4 > int64(r.maxSize) {
		return nil, errInvalidLength
	}
	msg := r.flyweight(typ)
	if msg == nil {
		return nil, pgerror.Newf(pgerror.ProtocolViolation, "invalid frontend message type %d", typ)
	}
	body, err := r.cr.Next(int(n - 4))
	if err != nil {
		return nil, err
	}
	if !validBody(typ, body) {
		return nil, errInvalidFormat
	}
	if err := msg.Decode(body); err != nil {
		return nil, errInvalidFormat
	}
	return msg, nil
}

var errInvalidFormat = pgerror.New(pgerror.ProtocolViolation, "invalid message format")

func (r *messageReader) flyweight(typ byte) pgproto3.FrontendMessage {
	switch typ {
	case 'B':
		return &r.bind
	case 'C':
		return &r.close
	case 'D':
		return &r.describe
	case 'E':
		return &r.execute
	case 'H':
		return &r.flush
	case 'P':
		return &r.parse
	case 'Q':
		return &r.query
	case 'S':
		return &r.sync
	case 'X':
		return &r.term
	case 'd':
		return &r.copyData
	case 'c':
		return &r.copyDone
	case 'f':
		return &r.copyFail
	case 'F':
		return &r.fnCall
	}
	return nil
}

// validBody checks what pgproto3's decoders assume about a body before
// they index into it (found by FuzzMessages); the decoders check the rest.
func validBody(typ byte, body []byte) bool {
	switch typ {
	case 'B':
		return validBind(body)
	case 'Q', 'f': // Query, CopyFail: a string and its terminator
		return len(body) > 0
	}
	return true
}

// validBind checks the structure of a Bind body (portal, statement, format
// codes, parameters, result formats) so that decoding it cannot index out
// of range: pgproto3 trusts negative parameter lengths other than -1.
func validBind(b []byte) bool {
	var ok bool
	for range 2 { // portal and statement names
		if b, ok = skipCString(b); !ok {
			return false
		}
	}
	if b, ok = skipInt16Array(b, 2); !ok {
		return false
	}
	if len(b) < 2 {
		return false
	}
	nparams := int(binary.BigEndian.Uint16(b))
	b = b[2:]
	for range nparams {
		if len(b) < 4 {
			return false
		}
		l := int32(binary.BigEndian.Uint32(b))
		b = b[4:]
		if l == -1 {
			continue
		}
		if l < 0 || int(l) > len(b) {
			return false
		}
		b = b[l:]
	}
	b, ok = skipInt16Array(b, 2)
	return ok && len(b) == 0
}

func skipCString(b []byte) ([]byte, bool) {
	for i, c := range b {
		if c == 0 {
			return b[i+1:], true
		}
	}
	return nil, false
}

// skipInt16Array skips a count-prefixed array of elemSize-byte values.
func skipInt16Array(b []byte, elemSize int) ([]byte, bool) {
	if len(b) < 2 {
		return nil, false
	}
	n := int(binary.BigEndian.Uint16(b)) * elemSize
	b = b[2:]
	if len(b) < n {
		return nil, false
	}
	return b[n:], true
}

// undecoded is a message whose body is skipped, never decoded: the
// server does not use it, and pgproto3's decoders of these messages trust
// the lengths inside them.
type undecoded struct{}

// Frontend implements pgproto3.FrontendMessage.
func (undecoded) Frontend() {}

// Decode implements pgproto3.FrontendMessage.
func (undecoded) Decode([]byte) error { return nil }

// Encode implements pgproto3.FrontendMessage.
func (undecoded) Encode(dst []byte) ([]byte, error) {
	return dst, pgerror.AssertionFailedf("undecoded messages are never encoded")
}

// functionCall is a fastpath FunctionCall, which Quiver does not support.
type functionCall struct{ undecoded }
