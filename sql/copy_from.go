package sql

import (
	"context"
	"fmt"
	"io"

	"github.com/quiverdb/quiver/internal/pgerror"
)

// runCopyFrom runs COPY ... FROM STDIN: it asks the client for data
// through w (a CopyInWriter), decodes rows while they stream in, and
// writes them through the INSERT path in per-shard batches. A failure
// undoes every batch already written: the COPY applies completely or not
// at all.
func (s *Session) runCopyFrom(ctx context.Context, st *copyStmt, w ResultWriter) (int64, error) {
	in, ok := w.(CopyInWriter)
	if !ok {
		return 0, pgerror.New(pgerror.FeatureNotSupported, "COPY FROM STDIN is not supported by this client connection")
	}
	if s.txn == 'T' {
		return 0, pgerror.New(pgerror.FeatureNotSupported, "writes inside explicit transactions are not supported yet")
	}
	rb, err := newCopyRowBuilder(st, &s.srv.rowid, s.Location())
	if err != nil {
		return 0, err
	}
	format, colFormats := st.wireFormats()
	if err := in.CopyInResponse(format, colFormats); err != nil {
		return 0, err
	}
	cw := newCopyWriter(ctx, s.srv.cfg.Shards, s.srv.cfg.Meta.State(), st.table)
	n, err := parseFed(in, func(src copyChunks) (int64, error) {
		return copyRows(st, newCopyDecoder(st, newCopyReader(src)), rb, cw)
	})
	if err != nil {
		return 0, cw.abort(err)
	}
	return n, cw.finish()
}

// wireFormats returns CopyInResponse's and CopyOutResponse's formats.
func (st *copyStmt) wireFormats() (int16, []int16) {
	format := int16(0)
	if st.opts.format == copyBinary {
		format = 1
	}
	cols := make([]int16, len(st.names))
	for i := range cols {
		cols[i] = format
	}
	return format, cols
}

func newCopyDecoder(st *copyStmt, r *copyReader) copyDecoder {
	switch st.opts.format {
	case copyCSV:
		return newCSVDecoder(r, &st.opts)
	case copyBinary:
		return newBinaryDecoder(r)
	}
	return newTextDecoder(r, &st.opts)
}

// copyRows decodes, builds and queues every row; it returns the number
// of rows.
func copyRows(st *copyStmt, dec copyDecoder, rb *copyRowBuilder, cw *copyWriter) (int64, error) {
	var row copyRow
	if st.opts.header != headerNone {
		if err := readHeader(st, dec, rb, &row); err != nil {
			return 0, err
		}
	}
	var n int64
	for {
		err := dec.next(&row)
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return 0, rb.inputError(err, &row)
		}
		if err := rb.build(&row); err != nil {
			return 0, err
		}
		if err := rb.encode(cw, row.line); err != nil {
			return 0, pgerror.WithWhere(err, rb.lineWhere(&row))
		}
		n++
	}
}

// inputError adds the line context to a decoding error (not to a failure
// of the client connection or a CopyFail).
func (rb *copyRowBuilder) inputError(err error, row *copyRow) error {
	if pgerror.CodeOf(err) != pgerror.BadCopyFileFormat {
		return err
	}
	return pgerror.WithWhere(err, rb.lineWhere(row))
}

// readHeader skips the header line, or checks it against the column
// names with HEADER MATCH.
func readHeader(st *copyStmt, dec copyDecoder, rb *copyRowBuilder, row *copyRow) error {
	err := dec.next(row)
	if err == io.EOF {
		return nil
	}
	if err != nil {
		return rb.inputError(err, row)
	}
	if st.opts.header != headerMatch {
		return nil
	}
	if len(row.fields) != len(st.names) {
		err := errCopyFormat(fmt.Sprintf("wrong number of fields in header line: got %d, expected %d", len(row.fields), len(st.names)))
		return pgerror.WithWhere(err, rb.lineWhere(row))
	}
	for i, name := range st.names {
		var err error
		switch {
		case row.null[i]:
			err = errCopyFormat(fmt.Sprintf("column name mismatch in header line field %d: got null value (\"%s\"), expected \"%s\"", i+1, st.opts.null, name))
		case string(row.fields[i]) != name:
			err = errCopyFormat(fmt.Sprintf("column name mismatch in header line field %d: got \"%s\", expected \"%s\"", i+1, row.fields[i], name))
		}
		if err != nil {
			return pgerror.WithWhere(err, rb.lineWhere(row))
		}
	}
	return nil
}
