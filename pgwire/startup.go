package pgwire

import (
	"bytes"
	"encoding/binary"
	"strings"

	"github.com/jackc/pgproto3/v2"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/sql"
)

// Startup packet request codes (the first word after the length).
const (
	protocolV3       = 3 << 16
	sslRequestCode   = 80877103
	gssEncRequstCode = 80877104
	cancelCode       = 80877102
)

// startup runs the handshake: SSL/GSSENC refusal, the startup packet (or a
// CancelRequest), session creation and the startup messages. It reports
// whether the connection goes on to serve queries.
func (c *conn) startup() bool {
	params, ok := c.readStartupPacket()
	if !ok {
		return false
	}
	if err := checkStartupParams(params); err != nil {
		c.fatal(err)
		return false
	}
	sess, err := c.srv.open(c.ctx, params)
	if err != nil {
		c.fatal(err)
		return false
	}
	c.sess = sess
	c.srv.register(c)
	if err := c.sendStartupMessages(); err != nil {
		c.sess.Close()
		return false
	}
	return true
}

// readStartupPacket reads packets until a v3 StartupMessage, answering
// SSLRequest and GSSENCRequest with 'N' (once each) and serving a
// CancelRequest. It returns false when the connection must end.
func (c *conn) readStartupPacket() (sql.SessionParams, bool) {
	sslDone, gssDone := false, false
	for {
		body, err := c.readStartupBody()
		if err != nil {
			c.endOnReadError(err)
			return nil, false
		}
		code := binary.BigEndian.Uint32(body)
		switch {
		case code == sslRequestCode && !sslDone && len(body) == 4:
			sslDone = true
		case code == gssEncRequstCode && !gssDone && len(body) == 4:
			gssDone = true
		case code == cancelCode && len(body) == 12:
			c.srv.cancelRequest(backendKey{
				pid:    int32(binary.BigEndian.Uint32(body[4:])),
				secret: int32(binary.BigEndian.Uint32(body[8:])),
			})
			return nil, false
		case code>>16 == 3:
			return c.startupParams(code, body[4:])
		default:
			c.fatal(pgerror.Newf(pgerror.FeatureNotSupported,
				"unsupported frontend protocol %d.%d: server supports 3.0 to 3.0", code>>16, code&0xffff))
			return nil, false
		}
		if err := c.w.write([]byte{'N'}); err != nil {
			return nil, false
		}
		if err := c.w.flush(); err != nil {
			return nil, false
		}
	}
}

var errStartupLength = pgerror.New(pgerror.ProtocolViolation, "invalid length of startup packet")

// readStartupBody reads one length-prefixed startup packet and returns it
// without the length.
func (c *conn) readStartupBody() ([]byte, error) {
	head, err := c.rd.cr.Next(4)
	if err != nil {
		return nil, err
	}
	n := binary.BigEndian.Uint32(head)
	if n < 8 || n > maxStartupPacketLen {
		return nil, errStartupLength
	}
	return c.rd.cr.Next(int(n - 4))
}

// startupParams decodes a v3.x startup packet's parameters. A minor
// version above 0 or "_pq_." options get a NegotiateProtocolVersion.
func (c *conn) startupParams(code uint32, b []byte) (sql.SessionParams, bool) {
	params, err := parseStartupParams(b)
	if err != nil {
		c.fatal(err)
		return nil, false
	}
	var unknown []string
	for k := range params {
		if strings.HasPrefix(k, "_pq_.") {
			unknown = append(unknown, k)
			delete(params, k)
		}
	}
	if code&0xffff != 0 || len(unknown) > 0 {
		if err := c.w.write(negotiateProtocolVersion(unknown)); err != nil {
			return nil, false
		}
	}
	return params, true
}

var errStartupLayout = pgerror.New(pgerror.ProtocolViolation, "invalid startup packet layout: expected terminator as last byte")

// parseStartupParams decodes name\0value\0...\0.
func parseStartupParams(b []byte) (sql.SessionParams, error) {
	params := sql.SessionParams{}
	for len(b) > 1 {
		name, rest, ok := bytes.Cut(b, []byte{0})
		if !ok {
			return nil, errStartupLayout
		}
		value, rest, ok := bytes.Cut(rest, []byte{0})
		if !ok {
			return nil, errStartupLayout
		}
		params[string(name)] = string(value)
		b = rest
	}
	if len(b) != 1 || b[0] != 0 {
		return nil, errStartupLayout
	}
	return params, nil
}

// checkStartupParams requires a user and defaults the database to it, as
// the postmaster does.
func checkStartupParams(p sql.SessionParams) error {
	if p["user"] == "" {
		return pgerror.New(pgerror.InvalidAuthorizationSpec, "no PostgreSQL user name specified in startup packet")
	}
	if p["database"] == "" {
		p["database"] = p["user"]
	}
	return nil
}

// negotiateProtocolVersion encodes a NegotiateProtocolVersion message
// offering 3.0 and listing the unrecognized options.
func negotiateProtocolVersion(unknown []string) []byte {
	b := []byte{'v', 0, 0, 0, 0}
	b = binary.BigEndian.AppendUint32(b, protocolV3)
	b = binary.BigEndian.AppendUint32(b, uint32(len(unknown)))
	for _, o := range unknown {
		b = append(append(b, o...), 0)
	}
	binary.BigEndian.PutUint32(b[1:], uint32(len(b)-1))
	return b
}

// sendStartupMessages sends AuthenticationOk, the session's parameter
// statuses, BackendKeyData and the first ReadyForQuery.
func (c *conn) sendStartupMessages() error {
	if err := c.w.send(&pgproto3.AuthenticationOk{}); err != nil {
		return err
	}
	for _, kv := range c.sess.ParameterStatus() {
		if err := c.w.send(&pgproto3.ParameterStatus{Name: kv[0], Value: kv[1]}); err != nil {
			return err
		}
	}
	key := &pgproto3.BackendKeyData{ProcessID: uint32(c.key.pid), SecretKey: uint32(c.key.secret)}
	if err := c.w.send(key); err != nil {
		return err
	}
	return c.sendReady()
}
