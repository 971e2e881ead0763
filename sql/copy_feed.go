package sql

import "github.com/quiverdb/quiver/internal/pgerror"

// copyFeed moves the client's chunks from the connection's goroutine,
// which alone reads the connection, to the goroutine that parses them, so
// that reading the socket overlaps parsing.
type copyFeed struct {
	chunks chan copyChunk
	free   chan []byte   // buffers the parser is done with
	quit   chan struct{} // closed when the parser stops
	last   []byte        // the buffer the parser holds
}

// copyChunk is one chunk, or the end of the data (io.EOF) or a failure.
type copyChunk struct {
	data []byte
	err  error
}

// copyFeedDepth bounds the chunks read ahead of the parser.
const copyFeedDepth = 16

func newCopyFeed() *copyFeed {
	return &copyFeed{
		chunks: make(chan copyChunk, copyFeedDepth),
		free:   make(chan []byte, copyFeedDepth+2),
		quit:   make(chan struct{}),
	}
}

// ReadCopyData implements copyChunks on the parser's side: the chunk is
// valid until the next call.
func (f *copyFeed) ReadCopyData() ([]byte, error) {
	if f.last != nil {
		select {
		case f.free <- f.last[:0]:
		default:
		}
		f.last = nil
	}
	c := <-f.chunks
	f.last = c.data
	return c.data, c.err
}

// pump reads chunks from in until the end of the data, a failure, or
// the parser stopping. A read already waiting when the parser stops ends
// with the client's next message: a COPY message, which the connection
// would skip anyway.
func (f *copyFeed) pump(in CopyInWriter) {
	for {
		data, err := in.ReadCopyData()
		var c copyChunk
		if err != nil {
			c.err = err
		} else {
			c.data = append(f.buffer(), data...)
		}
		select {
		case f.chunks <- c:
		case <-f.quit:
			return
		}
		if err != nil {
			return
		}
	}
}

func (f *copyFeed) buffer() []byte {
	select {
	case b := <-f.free:
		return b
	default:
		return nil
	}
}

// copyResult is the outcome of the parser's goroutine.
type copyResult struct {
	rows int64
	err  error
}

// parseFed runs parse on its own goroutine over f's chunks while the
// calling goroutine pumps the client's data into f. A panic of parse
// becomes an internal error, as on the connection's goroutine.
func parseFed(in CopyInWriter, parse func(src copyChunks) (int64, error)) (int64, error) {
	f := newCopyFeed()
	done := make(chan copyResult, 1)
	go func() {
		var res copyResult
		defer func() {
			if r := recover(); r != nil {
				res = copyResult{err: pgerror.FromPanic(r)}
			}
			close(f.quit)
			done <- res
		}()
		res.rows, res.err = parse(f)
	}()
	f.pump(in)
	res := <-done
	return res.rows, res.err
}

var _ copyChunks = (*copyFeed)(nil)
