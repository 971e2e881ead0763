package pgwire

import (
	"bytes"
	"encoding/hex"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/jackc/pgproto3/v2"
	"github.com/quiverdb/quiver/internal/pgerror"
)

func TestValidBind(t *testing.T) {
	for _, tc := range []struct {
		name string
		hex  string
		ok   bool
	}{
		{"minimal", "00 00 0000 0000 0000", true},
		{"named with params", "7000 7300 0001 0001 0002 00000001 61 ffffffff 0001 0000", true},
		{"null param", "00 00 0000 0001 ffffffff 0000", true},
		{"negative length", "00 00 0000 0001 fffffffe 0000", false},
		{"length past end", "00 00 0000 0001 00000005 6161 0000", false},
		{"missing portal terminator", "70", false},
		{"missing statement terminator", "00 73", false},
		{"short format codes", "00 00 0002 0000", false},
		{"missing result formats", "00 00 0000 0000", false},
		{"short result formats", "00 00 0000 0000 0002 0000", false},
		{"trailing bytes", "00 00 0000 0000 0000 ff", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := hex.DecodeString(strings.ReplaceAll(tc.hex, " ", ""))
			if err != nil {
				t.Fatal(err)
			}
			if got := validBind(b); got != tc.ok {
				t.Fatalf("validBind = %v, want %v", got, tc.ok)
			}
			if tc.ok {
				var m pgproto3.Bind
				if err := m.Decode(b); err != nil {
					t.Fatalf("valid Bind does not decode: %v", err)
				}
			}
		})
	}
}

func TestMessageReader(t *testing.T) {
	for _, tc := range []struct {
		name string
		hex  string
		want string // message type, or the SQLSTATE of the error, or "io"
	}{
		{"query", "51 00000006 6100", "*pgproto3.Query"},
		{"sync", "53 00000004", "*pgproto3.Sync"},
		{"too long", "51 00000105", "08P01"},
		{"too short", "51 00000003", "08P01"},
		{"huge", "51 ffffffff", "08P01"},
		{"unknown type", "00 00000004", "08P01"},
		{"password outside auth", "70 00000004", "08P01"},
		{"bad sync", "53 00000005 00", "08P01"},
		{"bad bind", "42 0000000e 00 00 0000 0001 fffffffe", "08P01"},
		{"truncated body", "51 00000010 61", "io"},
		{"truncated header", "51 00", "io"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, _ := hex.DecodeString(strings.ReplaceAll(tc.hex, " ", ""))
			r := newMessageReader(bytes.NewReader(b), 256)
			msg, err := r.next()
			got := "io"
			switch {
			case err == nil:
				got = typeName(msg)
			case isProtocolError(err):
				got = string(pgerror.CodeOf(err))
			case !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF):
				t.Fatalf("unexpected error %v", err)
			}
			if got != tc.want {
				t.Fatalf("got %s (%v), want %s", got, err, tc.want)
			}
		})
	}
}

func typeName(v any) string {
	switch v.(type) {
	case *pgproto3.Query:
		return "*pgproto3.Query"
	case *pgproto3.Sync:
		return "*pgproto3.Sync"
	}
	return "other"
}
