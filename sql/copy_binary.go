package sql

import (
	"encoding/binary"
	"io"

	"github.com/quiverdb/quiver/internal/pgerror"
)

// binarySignature starts PostgreSQL's binary COPY format.
const binarySignature = "PGCOPY\n\xff\r\n\x00"

// binaryDecoder reads the binary COPY format: the header (signature,
// flags, extension area), then tuples of an int16 field count and
// length-prefixed fields (-1: NULL), then the int16 trailer -1.
type binaryDecoder struct {
	r      *copyReader
	header bool
	done   bool
}

func newBinaryDecoder(r *copyReader) *binaryDecoder { return &binaryDecoder{r: r} }

func errCopyFormat(msg string) error { return pgerror.New(pgerror.BadCopyFileFormat, msg) }

// next implements copyDecoder.
func (d *binaryDecoder) next(row *copyRow) error {
	if d.done {
		return io.EOF
	}
	if !d.header {
		if err := d.readHeader(); err != nil {
			return err
		}
		d.header = true
	}
	if err := d.r.need(2); err != nil {
		if err == io.ErrUnexpectedEOF && len(d.r.unread()) == 0 {
			return io.EOF // no trailer: PostgreSQL accepts this too
		}
		return d.eofError(err)
	}
	row.line++
	n := int16(binary.BigEndian.Uint16(d.r.unread()))
	d.r.consume(2)
	if n == -1 {
		d.done = true
		if err := d.r.drain(); err != nil {
			return err
		}
		return io.EOF
	}
	row.reset()
	return d.readFields(int(n), row)
}

func (d *binaryDecoder) eofError(err error) error {
	if err == io.ErrUnexpectedEOF {
		return errCopyFormat("unexpected EOF in COPY data")
	}
	return err
}

func (d *binaryDecoder) readHeader() error {
	if err := d.r.need(len(binarySignature)); err != nil || string(d.r.unread()[:len(binarySignature)]) != binarySignature {
		if err != nil && err != io.ErrUnexpectedEOF {
			return err
		}
		return errCopyFormat("COPY file signature not recognized")
	}
	d.r.consume(len(binarySignature))
	if err := d.r.need(8); err != nil {
		if err != io.ErrUnexpectedEOF {
			return err
		}
		return errCopyFormat("invalid COPY file header (missing flags)")
	}
	flags := binary.BigEndian.Uint32(d.r.unread())
	ext := binary.BigEndian.Uint32(d.r.unread()[4:])
	d.r.consume(8)
	switch {
	case flags&(1<<16) != 0:
		return errCopyFormat("invalid COPY file header (WITH OIDS)")
	case flags&0xffff0000 != 0:
		return errCopyFormat("unrecognized critical flags in COPY file header")
	}
	return d.skip(int(ext))
}

// skip discards the header extension area.
func (d *binaryDecoder) skip(n int) error {
	for n > 0 {
		if len(d.r.unread()) == 0 {
			if err := d.r.need(1); err != nil {
				return errCopyFormat("invalid COPY file header (wrong length)")
			}
		}
		k := min(n, len(d.r.unread()))
		d.r.consume(k)
		n -= k
	}
	return nil
}

// readFields reads n length-prefixed fields. The whole tuple is made
// available first, so that the fields alias one buffer.
func (d *binaryDecoder) readFields(n int, row *copyRow) error {
	size := 0
	for i := 0; i < n; i++ {
		if err := d.r.need(size + 4); err != nil {
			return d.eofError(err)
		}
		l := int32(binary.BigEndian.Uint32(d.r.unread()[size:]))
		size += 4
		if l < -1 {
			return errCopyFormat("invalid field size")
		}
		if l > 0 {
			size += int(l)
		}
	}
	if err := d.r.need(size); err != nil {
		return d.eofError(err)
	}
	b := d.r.unread()[:size]
	d.r.consume(size)
	for i := 0; i < n; i++ {
		l := int32(binary.BigEndian.Uint32(b))
		b = b[4:]
		if l == -1 {
			row.add(nil, true)
			continue
		}
		row.add(b[:l:l], false)
		b = b[l:]
	}
	return nil
}

// appendBinaryHeader appends the binary format's header.
func appendBinaryHeader(dst []byte) []byte {
	dst = append(dst, binarySignature...)
	return append(dst, 0, 0, 0, 0, 0, 0, 0, 0) // flags, extension length
}
