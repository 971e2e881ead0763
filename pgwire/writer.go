package pgwire

import (
	"bufio"
	"io"

	"github.com/jackc/pgproto3/v2"
	"github.com/quiverdb/quiver/internal/metrics"
	"github.com/quiverdb/quiver/internal/pgerror"
)

// writeBufferSize is the size of a connection's output buffer.
const writeBufferSize = 64 << 10

// msgWriter buffers backend messages. Messages leave the buffer when it
// fills and on flush (ReadyForQuery, Flush, connection end).
type msgWriter struct {
	bw      *bufio.Writer
	scratch []byte
}

func newMsgWriter(w io.Writer) *msgWriter {
	return &msgWriter{bw: bufio.NewWriterSize(w, writeBufferSize)}
}

// send encodes and buffers msg.
func (w *msgWriter) send(msg pgproto3.BackendMessage) error {
	buf, err := msg.Encode(w.scratch[:0])
	if err != nil {
		return pgerror.Wrapf(err, pgerror.ProgramLimitExceeded, "encoding %T", msg)
	}
	w.scratch = buf[:0]
	_, err = w.bw.Write(buf)
	return err
}

// write buffers an already encoded message.
func (w *msgWriter) write(b []byte) error {
	_, err := w.bw.Write(b)
	return err
}

// flush sends every buffered message.
func (w *msgWriter) flush() error { return w.bw.Flush() }

// Severities of ErrorResponse.
const (
	severityError = "ERROR"
	severityFatal = "FATAL"
)

// sendError sends err as an ErrorResponse and counts it.
func (w *msgWriter) sendError(err error, severity string) error {
	e := pgerror.Flatten(err)
	metrics.Errors.Inc(string(e.Code))
	return w.send(&pgproto3.ErrorResponse{
		Severity:            severity,
		SeverityUnlocalized: severity,
		Code:                string(e.Code),
		Message:             e.Message,
		Detail:              e.Detail,
		Hint:                e.Hint,
		Position:            e.Position,
		Where:               e.Where,
	})
}
