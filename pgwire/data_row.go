package pgwire

import (
	"encoding/binary"
	"math"
	"strconv"
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/sql"
)

// Result format codes.
const (
	formatText   int16 = 0
	formatBinary int16 = 1
)

// colEncoder appends the value of one non-NULL row of a column to dst.
type colEncoder func(dst []byte, row int) ([]byte, error)

// rowEncoder turns Arrow batches into DataRow messages. It reuses one
// buffer for every row; the typed fast paths allocate nothing per value.
type rowEncoder struct {
	cols    []sql.Column
	formats []int16 // one per column
	encs    []colEncoder
	buf     []byte
	// loc is the session time zone timestamptz text is written in (nil:
	// UTC); binary values are zone-free.
	loc *time.Location
}

// reset prepares e for the results of a statement.
func (e *rowEncoder) reset(cols []sql.Column, formats []int16) {
	e.cols, e.formats = cols, formats
}

// writeBatch sends one DataRow per row of rec.
func (e *rowEncoder) writeBatch(w *msgWriter, rec arrow.Record) error {
	ncols := int(rec.NumCols())
	if ncols != len(e.cols) {
		return pgerror.AssertionFailedf("batch has %d columns, statement has %d", ncols, len(e.cols))
	}
	e.encs = e.encs[:0]
	for i := range ncols {
		e.encs = append(e.encs, makeColEncoder(rec.Column(i), e.cols[i].Type, e.formats[i], e.loc))
	}
	for row := range int(rec.NumRows()) {
		if err := e.encodeRow(rec, row); err != nil {
			return err
		}
		if err := w.write(e.buf); err != nil {
			return err
		}
	}
	return nil
}

// encodeRow builds the DataRow of one row in e.buf.
func (e *rowEncoder) encodeRow(rec arrow.Record, row int) error {
	buf := append(e.buf[:0], 'D', 0, 0, 0, 0)
	buf = binary.BigEndian.AppendUint16(buf, uint16(len(e.encs)))
	var err error
	for i, enc := range e.encs {
		if rec.Column(i).IsNull(row) {
			buf = binary.BigEndian.AppendUint32(buf, math.MaxUint32) // -1: NULL
			continue
		}
		at := len(buf)
		buf = append(buf, 0, 0, 0, 0)
		if buf, err = enc(buf, row); err != nil {
			e.buf = buf
			return err
		}
		binary.BigEndian.PutUint32(buf[at:], uint32(len(buf)-at-4))
	}
	binary.BigEndian.PutUint32(buf[1:], uint32(len(buf)-1))
	e.buf = buf
	return nil
}

// makeColEncoder picks the encoder of a column: a typed fast path when the
// array and type allow one, else the generic path through types.
func makeColEncoder(arr arrow.Array, t types.T, format int16, loc *time.Location) colEncoder {
	var enc colEncoder
	if format == formatBinary {
		enc = binaryFastPath(arr, t)
	} else {
		enc = textFastPath(arr, t)
	}
	if enc != nil {
		return enc
	}
	return genericEncoder(arr, t, format, loc)
}

func textFastPath(arr arrow.Array, t types.T) colEncoder {
	switch a := arr.(type) {
	case *array.Int64:
		if t.Family == types.Int8Family {
			return func(dst []byte, row int) ([]byte, error) { return strconv.AppendInt(dst, a.Value(row), 10), nil }
		}
	case *array.Int32:
		if t.Family == types.Int4Family {
			return func(dst []byte, row int) ([]byte, error) { return strconv.AppendInt(dst, int64(a.Value(row)), 10), nil }
		}
	case *array.Int16:
		if t.Family == types.Int2Family {
			return func(dst []byte, row int) ([]byte, error) { return strconv.AppendInt(dst, int64(a.Value(row)), 10), nil }
		}
	case *array.String:
		if t.IsString() {
			return func(dst []byte, row int) ([]byte, error) { return append(dst, a.Value(row)...), nil }
		}
	case *array.Boolean:
		if t.Family == types.BoolFamily {
			return func(dst []byte, row int) ([]byte, error) { return append(dst, boolText(a.Value(row))), nil }
		}
	}
	return nil
}

func boolText(b bool) byte {
	if b {
		return 't'
	}
	return 'f'
}

func binaryFastPath(arr arrow.Array, t types.T) colEncoder {
	switch a := arr.(type) {
	case *array.Int64:
		if t.Family == types.Int8Family {
			return func(dst []byte, row int) ([]byte, error) {
				return binary.BigEndian.AppendUint64(dst, uint64(a.Value(row))), nil
			}
		}
	case *array.Int32:
		if t.Family == types.Int4Family {
			return func(dst []byte, row int) ([]byte, error) {
				return binary.BigEndian.AppendUint32(dst, uint32(a.Value(row))), nil
			}
		}
	case *array.Int16:
		if t.Family == types.Int2Family {
			return func(dst []byte, row int) ([]byte, error) {
				return binary.BigEndian.AppendUint16(dst, uint16(a.Value(row))), nil
			}
		}
	case *array.Float64:
		if t.Family == types.Float8Family {
			return func(dst []byte, row int) ([]byte, error) {
				return binary.BigEndian.AppendUint64(dst, math.Float64bits(a.Value(row))), nil
			}
		}
	case *array.Float32:
		if t.Family == types.Float4Family {
			return func(dst []byte, row int) ([]byte, error) {
				return binary.BigEndian.AppendUint32(dst, math.Float32bits(a.Value(row))), nil
			}
		}
	case *array.String:
		if t.IsString() {
			return func(dst []byte, row int) ([]byte, error) { return append(dst, a.Value(row)...), nil }
		}
	case *array.Boolean:
		if t.Family == types.BoolFamily {
			return func(dst []byte, row int) ([]byte, error) { return append(dst, boolBinary(a.Value(row))), nil }
		}
	}
	return nil
}

func boolBinary(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// genericEncoder reads each value as a Datum and formats it with types.
func genericEncoder(arr arrow.Array, t types.T, format int16, loc *time.Location) colEncoder {
	if format == formatBinary {
		return func(dst []byte, row int) ([]byte, error) {
			return types.EncodeBinary(dst, t, types.DatumAt(arr, t, row))
		}
	}
	return func(dst []byte, row int) ([]byte, error) {
		return types.AppendTextIn(dst, t, types.DatumAt(arr, t, row), loc), nil
	}
}
