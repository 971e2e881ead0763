package sql

import (
	"bytes"
	"errors"
	"io"

	"github.com/quiverdb/quiver/internal/pgerror"
)

// csvDecoder reads the CSV COPY format: fields split by a delimiter,
// quoted sections (which may hold delimiters and newlines) with an escape
// for the quote, an unquoted NULL marker (empty by default) and the end
// marker \. on a line of its own.
type csvDecoder struct {
	r       *copyReader
	delim   byte
	quote   byte
	escape  byte
	null    []byte
	scratch []byte
	done    bool
}

func newCSVDecoder(r *copyReader, o *copyOptions) *csvDecoder {
	return &csvDecoder{r: r, delim: o.delim, quote: o.quote, escape: o.escape, null: []byte(o.null)}
}

// errNeedMore reports a record that continues past the buffered data.
var errNeedMore = errors.New("need more data")

// next implements copyDecoder.
func (d *csvDecoder) next(row *copyRow) error {
	if d.done {
		return io.EOF
	}
	for {
		buf := d.r.unread()
		if len(buf) == 0 && d.r.eof {
			return io.EOF
		}
		n, err := d.parse(buf, d.r.eof, row)
		if err == errNeedMore {
			if err := d.r.fill(); err != nil && err != io.EOF {
				return err
			}
			continue
		}
		if err == io.EOF { // the end marker
			d.done = true
			if err := d.r.drain(); err != nil {
				return err
			}
			return io.EOF
		}
		row.line++
		if err != nil {
			row.raw = trimEOL(buf)
			return err
		}
		row.raw = trimEOL(buf[:n])
		d.r.consume(n)
		return nil
	}
}

func trimEOL(b []byte) []byte {
	for len(b) > 0 && (b[len(b)-1] == '\n' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}

// parse parses one record at the start of buf and returns its length
// (end of line included): errNeedMore when buf ends inside it and more
// data may come, io.EOF for the end marker.
func (d *csvDecoder) parse(buf []byte, atEOF bool, row *copyRow) (int, error) {
	if isEndMarker(buf) {
		return 0, io.EOF
	}
	if !atEOF && len(buf) < 3 && bytes.HasPrefix([]byte(`\.`), buf) {
		return 0, errNeedMore
	}
	row.reset()
	d.scratch = d.scratch[:0]
	i := 0
	for {
		start := i
		for i < len(buf) {
			c := buf[i]
			if c == d.delim || c == '\n' || c == '\r' || c == d.quote {
				break
			}
			i++
		}
		if i < len(buf) && buf[i] == d.quote {
			var err error
			if i, err = d.quoted(buf, start, i, atEOF, row); err != nil {
				return 0, err
			}
		} else {
			row.add(d.field(buf[start:i], false))
		}
		if i >= len(buf) {
			if !atEOF {
				return 0, errNeedMore
			}
			return i, nil
		}
		switch buf[i] {
		case d.delim:
			i++
		case '\n':
			return i + 1, nil
		default: // '\r'
			if i+1 < len(buf) && buf[i+1] == '\n' {
				return i + 2, nil
			}
			if i+1 == len(buf) && !atEOF {
				return 0, errNeedMore
			}
			return i + 1, nil
		}
	}
}

// isEndMarker reports whether buf starts with the line \. (end of data).
func isEndMarker(buf []byte) bool {
	if len(buf) < 2 || buf[0] != '\\' || buf[1] != '.' {
		return false
	}
	rest := buf[2:]
	return len(rest) == 0 || rest[0] == '\n' || (rest[0] == '\r' && (len(rest) == 1 || rest[1] == '\n'))
}

// field returns a field's value: NULL when it is unquoted and equal to
// the NULL marker.
func (d *csvDecoder) field(v []byte, quoted bool) ([]byte, bool) {
	if !quoted && bytes.Equal(v, d.null) {
		return nil, true
	}
	return v, false
}

// quoted decodes a field holding quoted sections into scratch: buf[start:q]
// is its unquoted beginning and buf[q] the first quote. It returns the
// position after the field.
func (d *csvDecoder) quoted(buf []byte, start, q int, atEOF bool, row *copyRow) (int, error) {
	from := len(d.scratch)
	d.scratch = append(d.scratch, buf[start:q]...)
	i, inQuote := q+1, true
	for ; i < len(buf); i++ {
		c := buf[i]
		if !inQuote {
			if c == d.delim || c == '\n' || c == '\r' {
				break
			}
			if c == d.quote {
				inQuote = true
			} else {
				d.scratch = append(d.scratch, c)
			}
			continue
		}
		if c == d.escape && i+1 < len(buf) && (buf[i+1] == d.quote || buf[i+1] == d.escape) {
			d.scratch = append(d.scratch, buf[i+1])
			i++
			continue
		}
		if c == d.escape && c != d.quote && i+1 == len(buf) && !atEOF {
			return 0, errNeedMore
		}
		if c == d.quote {
			if i+1 == len(buf) && !atEOF && d.escape == d.quote {
				return 0, errNeedMore // a doubled quote may follow
			}
			inQuote = false
			continue
		}
		d.scratch = append(d.scratch, c)
	}
	if inQuote {
		if !atEOF {
			return 0, errNeedMore
		}
		return 0, pgerror.New(pgerror.BadCopyFileFormat, "unterminated CSV quoted field")
	}
	v := d.scratch[from:len(d.scratch):len(d.scratch)]
	row.add(v, false)
	return i, nil
}

// appendCSVField appends a value quoted as CopyAttributeOutCSV does: when
// forced, when it is the NULL marker, when it holds the delimiter, the
// quote, a newline or a carriage return, or when it is the end marker
// alone on its line.
func appendCSVField(dst, v []byte, o *copyOptions, force, single bool) []byte {
	need := force || bytes.Equal(v, []byte(o.null)) || (single && bytes.Equal(v, []byte(`\.`)))
	if !need {
		for _, c := range v {
			if c == o.delim || c == o.quote || c == '\n' || c == '\r' {
				need = true
				break
			}
		}
	}
	if !need {
		return append(dst, v...)
	}
	dst = append(dst, o.quote)
	for _, c := range v {
		if c == o.quote || c == o.escape {
			dst = append(dst, o.escape)
		}
		dst = append(dst, c)
	}
	return append(dst, o.quote)
}
