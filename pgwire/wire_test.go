package pgwire

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/cockroachdb/datadriven"
	"github.com/jackc/pgproto3/v2"
)

// TestWire runs the scripts of testdata/wire against a server whose
// sessions are fakeSessions. Commands:
//
//	connect                  dial a new connection (closing the last)
//	startup                  send a StartupMessage and read to ReadyForQuery
//	send                     send messages, one "Type {json}" per line
//	send_raw                 send the hex bytes of the input
//	until [ignore=A,B]       read until each listed type arrives in turn
//	                         (EOF: the server closed the connection)
//	read_byte                read one unframed byte (SSL answers)
//	cancel                   send a CancelRequest for the last BackendKeyData
//	shutdown                 shut the server down
func TestWire(t *testing.T) {
	datadriven.Walk(t, "testdata/wire", func(t *testing.T, path string) {
		h := newWireHarness(t, Config{MaxMessageSize: 1 << 16})
		defer h.close()
		datadriven.RunTest(t, path, h.run)
	})
}

type wireHarness struct {
	t    *testing.T
	srv  *Server
	ln   net.Listener
	done chan error

	nc  net.Conn
	cr  pgproto3.ChunkReader
	fe  *pgproto3.Frontend
	key pgproto3.BackendKeyData
}

func newWireHarness(t *testing.T, cfg Config) *wireHarness {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	h := &wireHarness{t: t, srv: newServer(openFake, cfg), ln: ln, done: make(chan error, 1)}
	go func() { h.done <- h.srv.Serve(ln) }()
	return h
}

func (h *wireHarness) close() {
	if h.nc != nil {
		h.nc.Close()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := h.srv.Shutdown(ctx); err != nil {
		h.t.Errorf("shutdown: %v", err)
	}
	if err := <-h.done; err != nil {
		h.t.Errorf("serve: %v", err)
	}
}

func (h *wireHarness) run(t *testing.T, td *datadriven.TestData) string {
	switch td.Cmd {
	case "connect":
		h.connect(t)
		return ""
	case "startup":
		h.connect(t)
		h.send(t, `StartupMessage {"Parameters":{"user":"postgres","database":"postgres"}}`)
		return h.until(t, []string{"ReadyForQuery"}, nil)
	case "send":
		h.send(t, td.Input)
		return ""
	case "send_raw":
		h.sendRaw(t, td.Input)
		return ""
	case "until":
		var ignore []string
		if td.HasArg("ignore") {
			td.ScanArgs(t, "ignore", &ignore)
		}
		return h.until(t, strings.Fields(td.Input), ignore)
	case "read_byte":
		b, err := h.cr.Next(1)
		if err != nil {
			return "error: " + err.Error()
		}
		return string(b)
	case "cancel":
		h.waitRunning(t)
		h.cancel(t)
		return ""
	case "shutdown":
		h.waitRunning(t)
		go func() {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			_ = h.srv.Shutdown(ctx)
		}()
		return ""
	}
	t.Fatalf("unknown command %q", td.Cmd)
	return ""
}

func (h *wireHarness) connect(t *testing.T) {
	if h.nc != nil {
		h.nc.Close()
	}
	nc, err := net.Dial("tcp", h.ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	h.nc = nc
	h.cr = pgproto3.NewChunkReader(nc)
	h.fe = pgproto3.NewFrontend(h.cr, nc)
}

// frontendMessage returns an empty message of the named type.
func frontendMessage(name string) pgproto3.FrontendMessage {
	switch name {
	case "StartupMessage":
		return &pgproto3.StartupMessage{ProtocolVersion: pgproto3.ProtocolVersionNumber}
	case "SSLRequest":
		return &pgproto3.SSLRequest{}
	case "GSSEncRequest":
		return &pgproto3.GSSEncRequest{}
	case "Query":
		return &pgproto3.Query{}
	case "Parse":
		return &pgproto3.Parse{}
	case "Bind":
		return &pgproto3.Bind{}
	case "Describe":
		return &pgproto3.Describe{}
	case "Execute":
		return &pgproto3.Execute{}
	case "Sync":
		return &pgproto3.Sync{}
	case "Flush":
		return &pgproto3.Flush{}
	case "Close":
		return &pgproto3.Close{}
	case "Terminate":
		return &pgproto3.Terminate{}
	}
	return nil
}

func (h *wireHarness) send(t *testing.T, input string) {
	var buf []byte
	for _, line := range strings.Split(strings.TrimSpace(input), "\n") {
		name, body, _ := strings.Cut(strings.TrimSpace(line), " ")
		msg := frontendMessage(name)
		if msg == nil {
			t.Fatalf("unknown message type %q", name)
		}
		if body != "" {
			if err := json.Unmarshal([]byte(body), msg); err != nil {
				t.Fatalf("%s: %v", line, err)
			}
		}
		var err error
		if buf, err = msg.Encode(buf); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := h.nc.Write(buf); err != nil {
		t.Fatal(err)
	}
}

func (h *wireHarness) sendRaw(t *testing.T, input string) {
	b, err := hex.DecodeString(strings.Join(strings.Fields(input), ""))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.nc.Write(b); err != nil {
		t.Fatal(err)
	}
}

// until prints every message received until each type of want has
// arrived in turn, skipping the types in ignore.
func (h *wireHarness) until(t *testing.T, want, ignore []string) string {
	var out strings.Builder
	_ = h.nc.SetReadDeadline(time.Now().Add(10 * time.Second))
	for len(want) > 0 {
		msg, err := h.fe.Receive()
		if err != nil {
			if want[0] == "EOF" && (errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF)) {
				out.WriteString("EOF\n")
				want = want[1:]
				continue
			}
			fmt.Fprintf(&out, "error: %v\n", err)
			break
		}
		name := strings.TrimPrefix(fmt.Sprintf("%T", msg), "*pgproto3.")
		if k, ok := msg.(*pgproto3.BackendKeyData); ok {
			h.key = *k
		}
		if name == want[0] {
			want = want[1:]
		}
		if contains(ignore, name) {
			continue
		}
		out.WriteString(renderMessage(t, msg))
		out.WriteByte('\n')
	}
	return out.String()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// renderMessage prints msg as JSON, without the random BackendKeyData
// and without ErrorResponse's empty fields.
func renderMessage(t *testing.T, msg pgproto3.BackendMessage) string {
	var v any = msg
	switch m := msg.(type) {
	case *pgproto3.BackendKeyData:
		v = struct{ Type string }{"BackendKeyData"}
	case *pgproto3.ErrorResponse:
		v = struct {
			Type, Severity, SeverityUnlocalized, Code, Message string
			Detail, Hint                                       string `json:",omitempty"`
			Position                                           int32  `json:",omitempty"`
		}{"ErrorResponse", m.Severity, m.SeverityUnlocalized, m.Code, m.Message, m.Detail, m.Hint, m.Position}
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// cancel sends a CancelRequest for the last BackendKeyData on a new
// socket, as clients do.
func (h *wireHarness) cancel(t *testing.T) {
	nc, err := net.Dial("tcp", h.ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	b := binary.BigEndian.AppendUint32(nil, 16)
	b = binary.BigEndian.AppendUint32(b, cancelCode)
	b = binary.BigEndian.AppendUint32(b, h.key.ProcessID)
	b = binary.BigEndian.AppendUint32(b, h.key.SecretKey)
	if _, err := nc.Write(b); err != nil {
		t.Fatal(err)
	}
	// The server closes the cancel socket once it has acted.
	_, _ = io.ReadAll(nc)
}

// waitRunning waits until the session of the last BackendKeyData runs a
// statement, if a statement was sent: a cancel that arrives before the
// statement starts is ignored, which would make scripts racy.
func (h *wireHarness) waitRunning(t *testing.T) {
	h.srv.mu.Lock()
	c := h.srv.keys[int32(h.key.ProcessID)]
	h.srv.mu.Unlock()
	if c == nil {
		return
	}
	for deadline := time.Now().Add(200 * time.Millisecond); time.Now().Before(deadline); {
		c.mu.Lock()
		running := c.cancelStmt != nil
		c.mu.Unlock()
		if running {
			return
		}
		time.Sleep(time.Millisecond)
	}
}
