package pgwire

import (
	"context"
	"errors"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/jackc/pgproto3/v2"
	"github.com/quiverdb/quiver/internal/metrics"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/sql"
)

// handleQuery runs a simple-protocol Query and ends with ReadyForQuery.
// As in PostgreSQL, it drops the unnamed statement and portal.
func (c *conn) handleQuery(m *pgproto3.Query) error {
	c.sess.CloseStatement("")
	c.closePortal("")
	w := simpleWriter{c: c}
	err := c.runStatement(func(ctx context.Context) error {
		return c.sess.ExecSimple(ctx, m.String, w)
	})
	if err != nil {
		if err := c.statementError(err); err != nil {
			return err
		}
	}
	c.endOfTransaction()
	return c.sendReady()
}

// writeError marks a failure to write to the client, so that it ends the
// connection instead of being reported to it.
type writeError struct{ err error }

func (e *writeError) Error() string { return "writing to client: " + e.err.Error() }
func (e *writeError) Unwrap() error { return e.err }

func isWriteError(err error) bool {
	var we *writeError
	return errors.As(err, &we)
}

// wrapWrite marks err, if any, as a write failure.
func wrapWrite(err error) error {
	if err == nil {
		return nil
	}
	var pe *pgerror.Error
	if errors.As(err, &pe) {
		return err
	}
	return &writeError{err: err}
}

// textFormatsFor returns n text format codes.
func (c *conn) textFormatsFor(n int) []int16 {
	for len(c.textFormats) < n {
		c.textFormats = append(c.textFormats, formatText)
	}
	return c.textFormats[:n]
}

// simpleWriter implements sql.SimpleWriter for the simple protocol.
type simpleWriter struct{ c *conn }

var _ sql.SimpleWriter = simpleWriter{}

// RowDescription implements sql.SimpleWriter.
func (w simpleWriter) RowDescription(cols []sql.Column) error {
	formats := w.c.textFormatsFor(len(cols))
	w.c.enc.reset(cols, formats)
	w.c.enc.loc = w.c.sess.Location()
	return wrapWrite(w.c.w.send(rowDescription(cols, formats)))
}

// Batch implements sql.ResultWriter.
func (w simpleWriter) Batch(rec arrow.Record) error {
	return wrapWrite(w.c.enc.writeBatch(w.c.w, rec))
}

// Complete implements sql.SimpleWriter.
func (w simpleWriter) Complete(tag string) error {
	metrics.Statements.Inc()
	return wrapWrite(w.c.w.send(&pgproto3.CommandComplete{CommandTag: []byte(tag)}))
}

// EmptyQuery implements sql.SimpleWriter.
func (w simpleWriter) EmptyQuery() error {
	return wrapWrite(w.c.w.send(&pgproto3.EmptyQueryResponse{}))
}

// ParameterStatus implements sql.SimpleWriter.
func (w simpleWriter) ParameterStatus(name, value string) error {
	return wrapWrite(w.c.w.send(&pgproto3.ParameterStatus{Name: name, Value: value}))
}

// rowDescription builds the RowDescription of cols with result formats.
func rowDescription(cols []sql.Column, formats []int16) *pgproto3.RowDescription {
	fields := make([]pgproto3.FieldDescription, len(cols))
	for i, col := range cols {
		fields[i] = pgproto3.FieldDescription{
			Name:                 []byte(col.Name),
			TableOID:             col.TableOID,
			TableAttributeNumber: uint16(col.ColumnNum),
			DataTypeOID:          col.Type.Oid(),
			DataTypeSize:         col.Type.TypeLen(),
			TypeModifier:         col.Type.TypeMod(),
			Format:               formats[i],
		}
	}
	return &pgproto3.RowDescription{Fields: fields}
}
