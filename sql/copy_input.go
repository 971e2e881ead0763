package sql

import (
	"bytes"
	"io"
)

// copyChunks is the source of COPY FROM STDIN data: the CopyData payloads
// of the client, io.EOF after CopyDone.
type copyChunks interface {
	ReadCopyData() ([]byte, error)
}

// copyReader buffers COPY data across CopyData messages, so that a row may
// span messages. Slices it returns are valid until the next read.
type copyReader struct {
	src copyChunks
	buf []byte
	pos int
	eof bool
}

func newCopyReader(src copyChunks) *copyReader {
	return &copyReader{src: src, buf: make([]byte, 0, 64<<10)}
}

// fill appends the next chunk to the unread data: io.EOF at the end.
func (r *copyReader) fill() error {
	if r.eof {
		return io.EOF
	}
	chunk, err := r.src.ReadCopyData()
	if err == io.EOF {
		r.eof = true
	}
	if err != nil {
		return err
	}
	if r.pos > 0 {
		n := copy(r.buf, r.buf[r.pos:])
		r.buf, r.pos = r.buf[:n], 0
	}
	r.buf = append(r.buf, chunk...)
	return nil
}

// unread returns the data not consumed yet.
func (r *copyReader) unread() []byte { return r.buf[r.pos:] }

// consume marks n more bytes as read.
func (r *copyReader) consume(n int) { r.pos += n }

// line returns the next line without its end of line ("\n" or "\r\n"),
// or io.EOF when no data is left.
func (r *copyReader) line() ([]byte, error) {
	scanned := 0
	for {
		rest := r.buf[r.pos:]
		if i := bytes.IndexByte(rest[scanned:], '\n'); i >= 0 {
			i += scanned
			r.pos += i + 1
			return trimCR(rest[:i]), nil
		}
		scanned = len(rest)
		err := r.fill()
		if err == io.EOF {
			if rest = r.buf[r.pos:]; len(rest) > 0 {
				r.pos = len(r.buf)
				return trimCR(rest), nil
			}
			return nil, io.EOF
		}
		if err != nil {
			return nil, err
		}
	}
}

func trimCR(b []byte) []byte {
	if n := len(b); n > 0 && b[n-1] == '\r' {
		return b[:n-1]
	}
	return b
}

// need makes at least n unread bytes available: io.ErrUnexpectedEOF when
// the data ends first.
func (r *copyReader) need(n int) error {
	for len(r.buf)-r.pos < n {
		if err := r.fill(); err != nil {
			if err == io.EOF {
				return io.ErrUnexpectedEOF
			}
			return err
		}
	}
	return nil
}

// drain reads and discards the rest of the data (after the end marker).
func (r *copyReader) drain() error {
	for {
		r.pos = len(r.buf)
		if err := r.fill(); err != nil {
			if err == io.EOF {
				return nil
			}
			return err
		}
	}
}
