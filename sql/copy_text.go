package sql

import (
	"bytes"
	"io"
)

// copyRow is one row of COPY input: its fields (nil entries with null set
// for NULLs), its line number and, for error context, its raw text.
// Fields alias the reader's buffer or the decoder's scratch: valid until
// the next row.
type copyRow struct {
	fields [][]byte
	null   []bool
	line   int64
	raw    []byte
}

func (r *copyRow) reset() {
	r.fields, r.null, r.raw = r.fields[:0], r.null[:0], nil
}

func (r *copyRow) add(f []byte, null bool) {
	r.fields = append(r.fields, f)
	r.null = append(r.null, null)
}

// copyDecoder reads rows of one COPY data format.
type copyDecoder interface {
	// next reads the next row into row: io.EOF at the end of the data.
	next(row *copyRow) error
}

// textDecoder reads PostgreSQL's text COPY format: one line per row,
// fields split by a delimiter, backslash escapes, a NULL marker (\N) and
// the end marker \. on a line of its own.
type textDecoder struct {
	r       *copyReader
	delim   byte
	null    []byte
	scratch []byte
	done    bool
}

func newTextDecoder(r *copyReader, o *copyOptions) *textDecoder {
	return &textDecoder{r: r, delim: o.delim, null: []byte(o.null)}
}

// next implements copyDecoder.
func (d *textDecoder) next(row *copyRow) error {
	if d.done {
		return io.EOF
	}
	line, err := d.r.line()
	if err != nil {
		return err
	}
	row.line++
	if len(line) == 2 && line[0] == '\\' && line[1] == '.' {
		d.done = true
		if err := d.r.drain(); err != nil {
			return err
		}
		return io.EOF
	}
	row.reset()
	row.raw = line
	d.split(line, row)
	return nil
}

// split cuts line into fields. A line without backslashes is cut in place;
// otherwise escapes are decoded into scratch.
func (d *textDecoder) split(line []byte, row *copyRow) {
	if bytes.IndexByte(line, '\\') < 0 {
		for {
			i := bytes.IndexByte(line, d.delim)
			if i < 0 {
				row.add(d.field(line, line))
				return
			}
			row.add(d.field(line[:i], line[:i]))
			line = line[i+1:]
		}
	}
	d.scratch = d.scratch[:0]
	for {
		raw, rest, more := d.cutEscaped(line)
		start := len(d.scratch)
		d.scratch = unescapeText(d.scratch, raw)
		row.add(d.field(raw, d.scratch[start:len(d.scratch):len(d.scratch)]))
		if !more {
			return
		}
		line = rest
	}
}

// field returns a field's value: NULL when its raw text is the NULL marker.
func (d *textDecoder) field(raw, val []byte) ([]byte, bool) {
	if bytes.Equal(raw, d.null) {
		return nil, true
	}
	return val, false
}

// cutEscaped cuts the raw text of the first field, where a backslash
// escapes the next byte (an escaped delimiter is data).
func (d *textDecoder) cutEscaped(line []byte) (raw, rest []byte, more bool) {
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case d.delim:
			return line[:i], line[i+1:], true
		}
	}
	return line, nil, false
}

// unescapeText appends the decoded value of a raw text-format field.
func unescapeText(dst, raw []byte) []byte {
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c != '\\' || i+1 == len(raw) {
			dst = append(dst, c)
			continue
		}
		i++
		c = raw[i]
		switch {
		case c >= '0' && c <= '7':
			v, n := octalEscape(raw[i:])
			dst, i = append(dst, v), i+n-1
		case c == 'x' && i+1 < len(raw) && isHex(raw[i+1]):
			v, n := hexEscape(raw[i+1:])
			dst, i = append(dst, v), i+n
		default:
			dst = append(dst, simpleEscape(c))
		}
	}
	return dst
}

func simpleEscape(c byte) byte {
	switch c {
	case 'b':
		return '\b'
	case 'f':
		return '\f'
	case 'n':
		return '\n'
	case 'r':
		return '\r'
	case 't':
		return '\t'
	case 'v':
		return '\v'
	}
	return c
}

// octalEscape decodes 1 to 3 octal digits.
func octalEscape(b []byte) (byte, int) {
	v, n := 0, 0
	for n < 3 && n < len(b) && b[n] >= '0' && b[n] <= '7' {
		v = v*8 + int(b[n]-'0')
		n++
	}
	return byte(v), n
}

// hexEscape decodes 1 or 2 hex digits.
func hexEscape(b []byte) (byte, int) {
	v, n := 0, 0
	for n < 2 && n < len(b) && isHex(b[n]) {
		v = v*16 + hexVal(b[n])
		n++
	}
	return byte(v), n
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func hexVal(c byte) int {
	switch {
	case c >= 'a':
		return int(c-'a') + 10
	case c >= 'A':
		return int(c-'A') + 10
	}
	return int(c - '0')
}

// appendTextField appends a value escaped for the text format (as
// CopyAttributeOutText does).
func appendTextField(dst []byte, v []byte, delim byte) []byte {
	for _, c := range v {
		switch c {
		case '\b':
			dst = append(dst, '\\', 'b')
		case '\f':
			dst = append(dst, '\\', 'f')
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\r':
			dst = append(dst, '\\', 'r')
		case '\t':
			dst = append(dst, '\\', 't')
		case '\v':
			dst = append(dst, '\\', 'v')
		case '\\':
			dst = append(dst, '\\', '\\')
		default:
			if c == delim {
				dst = append(dst, '\\')
			}
			dst = append(dst, c)
		}
	}
	return dst
}
