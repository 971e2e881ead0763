package pgwire

import (
	"io"

	"github.com/jackc/pgproto3/v2"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/sql"
)

// The COPY sub-protocol. sql drives it: a statement's writer (simple or
// portal) implements sql.CopyInWriter and sql.CopyOutWriter, and during
// COPY FROM STDIN sql reads the client's CopyData messages through it, on
// the connection's goroutine. Outside COPY, CopyData, CopyDone and
// CopyFail are ignored (conn.handle), so the rest of the data of a COPY
// that failed is skipped, as PostgreSQL does.

// copyData is a CopyData message; Data aliases the reader's buffer until
// the next message.
type copyData struct{ pgproto3.CopyData }

// copyDone is CopyDone.
type copyDone struct{ undecoded }

// copyFail is CopyFail.
type copyFail struct{ pgproto3.CopyFail }

var (
	_ sql.CopyInWriter  = simpleWriter{}
	_ sql.CopyOutWriter = simpleWriter{}
	_ sql.CopyInWriter  = portalWriter{}
	_ sql.CopyOutWriter = portalWriter{}
)

// CopyInResponse implements sql.CopyInWriter.
func (w simpleWriter) CopyInResponse(format int16, cols []int16) error {
	return w.c.copyInResponse(format, cols)
}

// ReadCopyData implements sql.CopyInWriter.
func (w simpleWriter) ReadCopyData() ([]byte, error) { return w.c.readCopyData() }

// CopyOutResponse implements sql.CopyOutWriter.
func (w simpleWriter) CopyOutResponse(format int16, cols []int16) error {
	return w.c.copyOutResponse(format, cols)
}

// CopyData implements sql.CopyOutWriter.
func (w simpleWriter) CopyData(data []byte) error { return w.c.copyData(data) }

// CopyDone implements sql.CopyOutWriter.
func (w simpleWriter) CopyDone() error { return w.c.copyDone() }

// CopyInResponse implements sql.CopyInWriter.
func (w portalWriter) CopyInResponse(format int16, cols []int16) error {
	return w.c.copyInResponse(format, cols)
}

// ReadCopyData implements sql.CopyInWriter.
func (w portalWriter) ReadCopyData() ([]byte, error) { return w.c.readCopyData() }

// CopyOutResponse implements sql.CopyOutWriter.
func (w portalWriter) CopyOutResponse(format int16, cols []int16) error {
	return w.c.copyOutResponse(format, cols)
}

// CopyData implements sql.CopyOutWriter.
func (w portalWriter) CopyData(data []byte) error { return w.c.copyData(data) }

// CopyDone implements sql.CopyOutWriter.
func (w portalWriter) CopyDone() error { return w.c.copyDone() }

func formatCodes(cols []int16) []uint16 {
	out := make([]uint16, len(cols))
	for i, f := range cols {
		out[i] = uint16(f)
	}
	return out
}

// copyInResponse asks the client for data and flushes: the client waits
// for it before sending (psql), or has already started (pgx).
func (c *conn) copyInResponse(format int16, cols []int16) error {
	msg := &pgproto3.CopyInResponse{OverallFormat: byte(format), ColumnFormatCodes: formatCodes(cols)}
	if err := c.w.send(msg); err != nil {
		return wrapWrite(err)
	}
	return wrapWrite(c.w.flush())
}

// readCopyData returns the next CopyData payload: io.EOF at CopyDone,
// 57014 at CopyFail. Flush and Sync are ignored during COPY, as in
// PostgreSQL; another message ends the COPY with 08P01. A failed read
// ends the connection (it is reported as a write error).
func (c *conn) readCopyData() ([]byte, error) {
	for {
		msg, err := c.rd.next()
		if err != nil {
			return nil, &writeError{err: err}
		}
		switch m := msg.(type) {
		case *copyData:
			return m.Data, nil
		case *copyDone:
			return nil, io.EOF
		case *copyFail:
			return nil, pgerror.Newf(pgerror.QueryCanceled, "COPY from stdin failed: %s", m.Message)
		case *pgproto3.Flush, *pgproto3.Sync:
			continue
		case *pgproto3.Terminate:
			return nil, &writeError{err: errTerminate}
		}
		return nil, pgerror.Newf(pgerror.ProtocolViolation, "unexpected message type 0x%02X during COPY from stdin", messageType(msg))
	}
}

// messageType returns the type byte of a frontend message read during
// COPY.
func messageType(msg pgproto3.FrontendMessage) byte {
	switch msg.(type) {
	case *pgproto3.Query:
		return 'Q'
	case *pgproto3.Parse:
		return 'P'
	case *pgproto3.Bind:
		return 'B'
	case *pgproto3.Describe:
		return 'D'
	case *pgproto3.Execute:
		return 'E'
	case *pgproto3.Close:
		return 'C'
	case *functionCall:
		return 'F'
	}
	return 0
}

func (c *conn) copyOutResponse(format int16, cols []int16) error {
	return wrapWrite(c.w.send(&pgproto3.CopyOutResponse{OverallFormat: byte(format), ColumnFormatCodes: formatCodes(cols)}))
}

// copyData sends one CopyData message.
func (c *conn) copyData(data []byte) error {
	return wrapWrite(c.w.send(&pgproto3.CopyData{Data: data}))
}

func (c *conn) copyDone() error { return wrapWrite(c.w.send(&pgproto3.CopyDone{})) }
