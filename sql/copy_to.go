package sql

import (
	"context"
	"encoding/binary"
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
)

// runCopyTo runs COPY ... TO STDOUT: the query's rows go to the client
// through w (a CopyOutWriter), one CopyData message per row.
func (s *Session) runCopyTo(ctx context.Context, st *copyStmt, params []types.Datum, w ResultWriter) (int64, error) {
	out, ok := w.(CopyOutWriter)
	if !ok {
		return 0, pgerror.New(pgerror.FeatureNotSupported, "COPY TO STDOUT is not supported by this client connection")
	}
	format, colFormats := st.wireFormats()
	if err := out.CopyOutResponse(format, colFormats); err != nil {
		return 0, err
	}
	enc := &copyEncoder{st: st, out: out, loc: s.Location()}
	if err := enc.start(); err != nil {
		return 0, err
	}
	n, err := s.runSelect(ctx, st.query, params, enc.batch)
	if err != nil {
		return 0, err
	}
	if err := enc.end(); err != nil {
		return 0, err
	}
	return n, out.CopyDone()
}

// copyEncoder formats rows in a COPY format.
type copyEncoder struct {
	st  *copyStmt
	out CopyOutWriter
	buf []byte
	val []byte
	loc *time.Location // the session's TimeZone, for timestamptz
}

// start writes the header: the binary format's header goes out with the
// first row (as PostgreSQL sends it), a HEADER line on its own.
func (e *copyEncoder) start() error {
	switch {
	case e.st.opts.format == copyBinary:
		e.buf = appendBinaryHeader(e.buf[:0])
		return nil
	case e.st.opts.header == headerNone:
		return nil
	}
	e.buf = e.buf[:0]
	for i, name := range e.st.names {
		if i > 0 {
			e.buf = append(e.buf, e.st.opts.delim)
		}
		e.buf = e.appendField(e.buf, []byte(name), i)
	}
	e.buf = append(e.buf, '\n')
	return e.flush()
}

// end writes the binary trailer.
func (e *copyEncoder) end() error {
	if e.st.opts.format != copyBinary {
		return nil
	}
	e.buf = binary.BigEndian.AppendUint16(e.buf, 0xffff)
	return e.flush()
}

func (e *copyEncoder) flush() error {
	err := e.out.CopyData(e.buf)
	e.buf = e.buf[:0]
	return err
}

// batch writes every row of rec.
func (e *copyEncoder) batch(rec arrow.Record) error {
	for i := 0; i < int(rec.NumRows()); i++ {
		if err := e.row(rec, i); err != nil {
			return err
		}
	}
	return nil
}

func (e *copyEncoder) row(rec arrow.Record, r int) error {
	if e.st.opts.format == copyBinary {
		return e.binaryRow(rec, r)
	}
	for c, t := range e.st.typs {
		if c > 0 {
			e.buf = append(e.buf, e.st.opts.delim)
		}
		d := types.DatumAt(rec.Column(c), t, r)
		if d == nil {
			e.buf = append(e.buf, e.st.opts.null...)
			continue
		}
		e.val = types.AppendTextIn(e.val[:0], t, d, e.loc)
		e.buf = e.appendField(e.buf, e.val, c)
	}
	e.buf = append(e.buf, '\n')
	return e.flush()
}

// appendField appends a non-NULL value escaped or quoted for the format.
func (e *copyEncoder) appendField(dst, v []byte, col int) []byte {
	if e.st.opts.format == copyCSV {
		return appendCSVField(dst, v, &e.st.opts, e.st.forceQuote[col], len(e.st.names) == 1)
	}
	return appendTextField(dst, v, e.st.opts.delim)
}

func (e *copyEncoder) binaryRow(rec arrow.Record, r int) error {
	e.buf = binary.BigEndian.AppendUint16(e.buf, uint16(len(e.st.typs)))
	for c, t := range e.st.typs {
		d := types.DatumAt(rec.Column(c), t, r)
		if d == nil {
			e.buf = binary.BigEndian.AppendUint32(e.buf, 0xffffffff)
			continue
		}
		at := len(e.buf)
		e.buf = append(e.buf, 0, 0, 0, 0)
		var err error
		if e.buf, err = types.EncodeBinary(e.buf, t, d); err != nil {
			return err
		}
		binary.BigEndian.PutUint32(e.buf[at:], uint32(len(e.buf)-at-4))
	}
	return e.flush()
}
