package storage

import (
	"bytes"
	"encoding/binary"
	"math"
	"strings"

	"github.com/quiverdb/quiver/internal/pgerror"
)

// This file holds the order-preserving encodings of single key columns.

var errKeyCorrupt = pgerror.New(pgerror.DataCorrupted, "storage: malformed key")

// Escapes of the byte-string key encoding.
const (
	escByte     byte = 0x00
	escEscaped  byte = 0xff // 0x00 0xff encodes a 0x00 byte
	escTerminal byte = 0x01 // 0x00 0x01 ends the string
)

// AppendKeyInt appends v in width (2, 4 or 8) bytes, sign flipped.
func AppendKeyInt(buf []byte, v int64, width int) []byte {
	switch width {
	case 2:
		return binary.BigEndian.AppendUint16(buf, uint16(v)^0x8000)
	case 4:
		return binary.BigEndian.AppendUint32(buf, uint32(v)^0x80000000)
	}
	return binary.BigEndian.AppendUint64(buf, uint64(v)^(1<<63))
}

// DecodeKeyInt decodes AppendKeyInt and returns the rest of b.
func DecodeKeyInt(b []byte, width int) (int64, []byte, error) {
	if len(b) < width {
		return 0, nil, errKeyCorrupt
	}
	switch width {
	case 2:
		return int64(int16(binary.BigEndian.Uint16(b) ^ 0x8000)), b[2:], nil
	case 4:
		return int64(int32(binary.BigEndian.Uint32(b) ^ 0x80000000)), b[4:], nil
	}
	return int64(binary.BigEndian.Uint64(b) ^ (1 << 63)), b[8:], nil
}

// AppendKeyFloat64 appends f in 8 bytes ordered as PostgreSQL orders
// float8: -Inf < ... < -0 = +0 < ... < +Inf < NaN.
func AppendKeyFloat64(buf []byte, f float64) []byte {
	return binary.BigEndian.AppendUint64(buf, orderedBits64(f))
}

// DecodeKeyFloat64 decodes AppendKeyFloat64.
func DecodeKeyFloat64(b []byte) (float64, []byte, error) {
	if len(b) < 8 {
		return 0, nil, errKeyCorrupt
	}
	u := binary.BigEndian.Uint64(b)
	if u == math.MaxUint64 {
		return math.NaN(), b[8:], nil
	}
	if u&(1<<63) != 0 {
		u ^= 1 << 63
	} else {
		u = ^u
	}
	return math.Float64frombits(u), b[8:], nil
}

// AppendKeyFloat32 appends f (a float4 value) in 4 bytes, ordered like
// AppendKeyFloat64.
func AppendKeyFloat32(buf []byte, f float32) []byte {
	return binary.BigEndian.AppendUint32(buf, orderedBits32(f))
}

// DecodeKeyFloat32 decodes AppendKeyFloat32.
func DecodeKeyFloat32(b []byte) (float32, []byte, error) {
	if len(b) < 4 {
		return 0, nil, errKeyCorrupt
	}
	u := binary.BigEndian.Uint32(b)
	if u == math.MaxUint32 {
		return float32(math.NaN()), b[4:], nil
	}
	if u&(1<<31) != 0 {
		u ^= 1 << 31
	} else {
		u = ^u
	}
	return math.Float32frombits(u), b[4:], nil
}

func orderedBits64(f float64) uint64 {
	switch {
	case f != f:
		return math.MaxUint64
	case f == 0:
		f = 0 // -0 encodes as +0
	}
	u := math.Float64bits(f)
	if u&(1<<63) != 0 {
		return ^u
	}
	return u | 1<<63
}

func orderedBits32(f float32) uint32 {
	switch {
	case f != f:
		return math.MaxUint32
	case f == 0:
		f = 0
	}
	u := math.Float32bits(f)
	if u&(1<<31) != 0 {
		return ^u
	}
	return u | 1<<31
}

// AppendKeyBytes appends s escaped and terminated.
func AppendKeyBytes(buf []byte, s string) []byte {
	for {
		i := indexZero(s)
		if i < 0 {
			break
		}
		buf = append(buf, s[:i]...)
		buf = append(buf, escByte, escEscaped)
		s = s[i+1:]
	}
	buf = append(buf, s...)
	return append(buf, escByte, escTerminal)
}

// DecodeKeyBytes decodes AppendKeyBytes. When the string holds no escaped
// byte the result aliases b; otherwise it is appended to scratch[:0].
func DecodeKeyBytes(b, scratch []byte) (s, rest, newScratch []byte, err error) {
	i := indexZeroBytes(b)
	if i < 0 || i+1 >= len(b) {
		return nil, nil, scratch, errKeyCorrupt
	}
	if b[i+1] == escTerminal {
		return b[:i], b[i+2:], scratch, nil
	}
	out := scratch[:0]
	for {
		if i < 0 || i+1 >= len(b) {
			return nil, nil, out, errKeyCorrupt
		}
		out = append(out, b[:i]...)
		switch b[i+1] {
		case escTerminal:
			return out, b[i+2:], out, nil
		case escEscaped:
			out = append(out, 0)
		default:
			return nil, nil, out, errKeyCorrupt
		}
		b = b[i+2:]
		i = indexZeroBytes(b)
	}
}

// SkipKeyBytes returns b after one AppendKeyBytes string.
func SkipKeyBytes(b []byte) ([]byte, error) {
	for {
		i := indexZeroBytes(b)
		if i < 0 || i+1 >= len(b) {
			return nil, errKeyCorrupt
		}
		if b[i+1] == escTerminal {
			return b[i+2:], nil
		}
		b = b[i+2:]
	}
}

func indexZero(s string) int { return strings.IndexByte(s, 0) }

func indexZeroBytes(b []byte) int { return bytes.IndexByte(b, 0) }
