package sql

import (
	"bytes"
	"fmt"
	"time"
	"unicode/utf8"
	"unsafe"

	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/planner"
	"github.com/quiverdb/quiver/storage"
)

// copyRowBuilder turns COPY input rows into encoded table rows: fields
// converted to the column types, defaults for the columns not copied, a
// fresh rowid, NOT NULL checked. Datums built from text alias the input
// and live only until the row is encoded.
type copyRowBuilder struct {
	t      *planner.Table
	st     *copyStmt
	binary bool
	rowid  *rowidGen
	where  string // "COPY t"
	// loc is the session's TimeZone, for timestamptz without a zone.
	loc *time.Location

	defaults []types.Datum // per table column
	vals     []types.Datum

	keyTypes []types.T
	keyVals  []types.Datum
	valIDs   []uint32
	valTypes []types.T
	valPos   []int
	valVals  []types.Datum
	keyBuf   []byte
	// widths is set when a column is varchar(n) (fitWidths has work).
	widths bool
	// last holds, per data column, the previous row's field and value:
	// bulk data often repeats a value on consecutive rows (timestamps,
	// categories), which then costs one comparison.
	last []lastValue
}

// lastValue is a column's previous input and its converted value. Only
// values that do not alias the input are kept (no strings).
type lastValue struct {
	raw []byte
	d   types.Datum
	ok  bool
}

func newCopyRowBuilder(st *copyStmt, rowid *rowidGen, loc *time.Location) (*copyRowBuilder, error) {
	t := st.table
	rb := &copyRowBuilder{t: t, st: st, binary: st.opts.format == copyBinary, rowid: rowid, where: "COPY " + t.Name, loc: loc}
	rb.defaults = make([]types.Datum, len(t.Columns))
	rb.vals = make([]types.Datum, len(t.Columns))
	for i, c := range t.Columns {
		if c.HasDefault && !c.DefaultNull && !c.Hidden {
			d, err := types.ParseText(c.Type, c.Default)
			if err != nil {
				return nil, err
			}
			rb.defaults[i] = d
		}
		if c.Type.Family == types.VarcharFamily && c.Type.Width > 0 {
			rb.widths = true
		}
		if t.IsKey(i) {
			continue
		}
		rb.valIDs = append(rb.valIDs, c.ID)
		rb.valTypes = append(rb.valTypes, c.Type)
		rb.valPos = append(rb.valPos, i)
	}
	for _, k := range t.Key {
		rb.keyTypes = append(rb.keyTypes, t.Columns[k].Type)
	}
	rb.keyVals = make([]types.Datum, len(t.Key))
	rb.last = make([]lastValue, len(st.cols))
	rb.valVals = make([]types.Datum, len(rb.valPos))
	return rb, nil
}

// build fills rb.vals from row: 22P04 for a wrong field count, the
// input function's error with the column's context.
func (rb *copyRowBuilder) build(row *copyRow) error {
	if err := rb.checkCount(row); err != nil {
		return err
	}
	copy(rb.vals, rb.defaults)
	for j, col := range rb.st.cols {
		if row.null[j] && !rb.st.forceNN[j] {
			rb.vals[col] = nil
			continue
		}
		f := row.fields[j]
		if rb.st.forceNull[j] && string(f) == rb.st.opts.null {
			rb.vals[col] = nil
			continue
		}
		d, err := rb.convertRepeated(j, rb.t.Columns[col].Type, f)
		if err != nil {
			return pgerror.WithWhere(err, rb.fieldWhere(row, col, f))
		}
		rb.vals[col] = d
	}
	for i, c := range rb.t.Columns {
		if c.Hidden {
			rb.vals[i] = rb.rowid.nextID()
		}
	}
	if err := checkNotNull(rb.t, rb.vals); err != nil {
		return pgerror.WithWhere(err, rb.lineWhere(row))
	}
	return nil
}

func (rb *copyRowBuilder) checkCount(row *copyRow) error {
	n, want := len(row.fields), len(rb.st.cols)
	switch {
	case rb.binary && n != want:
		return pgerror.WithWhere(errCopyFormat(fmt.Sprintf("row field count is %d, expected %d", n, want)), rb.lineWhere(row))
	case n > want:
		return pgerror.WithWhere(errCopyFormat("extra data after last expected column"), rb.lineWhere(row))
	case n < want:
		// An empty line of a one-column COPY is one empty field.
		err := errCopyFormat(fmt.Sprintf("missing data for column \"%s\"", rb.t.Columns[rb.st.cols[n]].Name))
		return pgerror.WithWhere(err, rb.lineWhere(row))
	}
	return nil
}

// convertRepeated is convert, reusing the value of data column j when
// its input is the same as on the previous row.
func (rb *copyRowBuilder) convertRepeated(j int, t types.T, f []byte) (types.Datum, error) {
	c := &rb.last[j]
	if c.ok && bytes.Equal(c.raw, f) {
		return c.d, nil
	}
	d, err := rb.convert(t, f)
	if err != nil || t.IsString() || t.Family == types.UnknownFamily {
		return d, err
	}
	c.raw, c.d, c.ok = append(c.raw[:0], f...), d, true
	return d, nil
}

// convert runs the input function of t over a field.
func (rb *copyRowBuilder) convert(t types.T, f []byte) (types.Datum, error) {
	if rb.binary {
		return types.DecodeBinary(t, f)
	}
	if t.IsString() && !utf8.Valid(f) {
		return nil, invalidUTF8(f)
	}
	if d, ok := fastParse(t, f, rb.loc == nil || rb.loc == time.UTC); ok {
		return d, nil
	}
	return types.ParseTextIn(t, unsafeString(f), rb.loc)
}

// unsafeString views b as a string without copying: the string must not
// outlive b's contents.
func unsafeString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

func invalidUTF8(b []byte) error {
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n <= 1 {
			return pgerror.Newf(pgerror.CharacterNotInRepertoire, "invalid byte sequence for encoding \"UTF8\": 0x%02x", b[0])
		}
		b = b[n:]
	}
	return nil
}

// copyMaxDisplay is PostgreSQL's MAX_COPY_DATA_DISPLAY: longer values
// and lines are cut in error contexts.
const copyMaxDisplay = 100

func displayText(b []byte) string {
	if len(b) <= copyMaxDisplay {
		return string(b)
	}
	n := copyMaxDisplay
	for n > 0 && !utf8.RuneStart(b[n]) {
		n--
	}
	return string(b[:n]) + "..."
}

// fieldWhere is the context of an error in one field.
func (rb *copyRowBuilder) fieldWhere(row *copyRow, col int, f []byte) string {
	name := rb.t.Columns[col].Name
	if rb.binary {
		return fmt.Sprintf("%s, line %d, column %s", rb.where, row.line, name)
	}
	return fmt.Sprintf("%s, line %d, column %s: \"%s\"", rb.where, row.line, name, displayText(f))
}

// lineWhere is the context of an error in a whole row.
func (rb *copyRowBuilder) lineWhere(row *copyRow) string {
	if rb.binary {
		return fmt.Sprintf("%s, line %d", rb.where, row.line)
	}
	return fmt.Sprintf("%s, line %d: \"%s\"", rb.where, row.line, displayText(row.raw))
}

// encode appends the built row to its shard's batch.
func (rb *copyRowBuilder) encode(w *copyWriter, line int64) error {
	if rb.widths {
		if err := fitWidths(rb.t, rb.vals); err != nil {
			return err
		}
	}
	for i, k := range rb.t.Key {
		rb.keyVals[i] = rb.vals[k]
	}
	key, err := storage.EncodeKey(rb.keyBuf[:0], rb.t.ID, storage.PrimaryIndexID, rb.keyVals, rb.keyTypes)
	if err != nil {
		return err
	}
	rb.keyBuf = key
	for i, p := range rb.valPos {
		rb.valVals[i] = rb.vals[p]
	}
	b := w.batchFor(key)
	b.arena = append(b.arena, key...)
	keyEnd := len(b.arena)
	arena, err := storage.EncodeValue(b.arena, rb.valIDs, rb.valVals, rb.valTypes)
	if err != nil {
		b.arena = b.arena[:keyEnd-len(key)]
		return err
	}
	b.arena = arena
	return w.added(b, keyEnd, len(arena), line)
}
