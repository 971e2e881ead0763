package pgwire

import (
	"context"
	"time"

	"github.com/jackc/pgproto3/v2"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/sql"
)

// handleBind binds a prepared statement's parameters into a portal and
// answers BindComplete.
func (c *conn) handleBind(m *pgproto3.Bind) error {
	stmt, err := c.statement(m.PreparedStatement)
	if err != nil {
		return c.extendedError(err)
	}
	if m.DestinationPortal == "" {
		c.closePortal("")
	} else if _, ok := c.portals[m.DestinationPortal]; ok {
		return c.extendedError(pgerror.Newf(pgerror.DuplicateCursor, "cursor %q already exists", m.DestinationPortal))
	}
	params, err := decodeParams(m, stmt, c.sess.Location())
	if err != nil {
		return c.extendedError(err)
	}
	p := &portal{}
	if !stmt.Empty {
		err = c.runStatement(func(ctx context.Context) (err error) {
			p.p, err = c.sess.Bind(ctx, stmt, params)
			return err
		})
		if err != nil {
			return c.extendedError(err)
		}
	}
	if p.formats, err = resultFormats(m.ResultFormatCodes, len(p.columns())); err != nil {
		if p.p != nil {
			c.sess.ClosePortal(p.p)
		}
		return c.extendedError(err)
	}
	c.portals[m.DestinationPortal] = p
	return c.w.send(&pgproto3.BindComplete{})
}

// decodeParams checks a Bind's parameter counts and formats and decodes
// its values with the statement's parameter types.
func decodeParams(m *pgproto3.Bind, stmt *sql.Prepared, loc *time.Location) ([]types.Datum, error) {
	nfmt, nparams := len(m.ParameterFormatCodes), len(m.Parameters)
	if nfmt > 1 && nfmt != nparams {
		return nil, pgerror.Newf(pgerror.ProtocolViolation,
			"bind message has %d parameter formats but %d parameters", nfmt, nparams)
	}
	if nparams != len(stmt.ParamTypes) {
		return nil, pgerror.Newf(pgerror.ProtocolViolation,
			"bind message supplies %d parameters, but prepared statement %q requires %d",
			nparams, m.PreparedStatement, len(stmt.ParamTypes))
	}
	params := make([]types.Datum, nparams)
	for i, raw := range m.Parameters {
		format := formatText
		if nfmt == 1 {
			format = m.ParameterFormatCodes[0]
		} else if nfmt > 1 {
			format = m.ParameterFormatCodes[i]
		}
		d, err := decodeParam(stmt.ParamTypes[i], format, raw, loc)
		if err != nil {
			return nil, err
		}
		params[i] = d
	}
	return params, nil
}

// decodeParam decodes one parameter value; nil raw is NULL. A parameter
// whose type is still unknown is taken as a string; a zone-less
// timestamptz in text is read in the session zone loc.
func decodeParam(t types.T, format int16, raw []byte, loc *time.Location) (types.Datum, error) {
	switch {
	case raw == nil:
		return nil, nil
	case format != formatText && format != formatBinary:
		return nil, unsupportedFormat(format)
	case t.Family == types.UnknownFamily:
		return string(raw), nil
	case format == formatBinary:
		return types.DecodeBinary(t, raw)
	}
	return types.ParseTextIn(t, string(raw), loc)
}

func unsupportedFormat(format int16) error {
	return pgerror.Newf(pgerror.InvalidParameterValue, "unsupported format code: %d", format)
}

// resultFormats expands a Bind's result format codes to one per column:
// none means text, one applies to every column, else one per column.
func resultFormats(codes []int16, ncols int) ([]int16, error) {
	switch len(codes) {
	case 0, 1, ncols:
	default:
		return nil, pgerror.Newf(pgerror.ProtocolViolation,
			"bind message has %d result formats but query has %d columns", len(codes), ncols)
	}
	formats := make([]int16, ncols)
	for i := range formats {
		f := formatText
		if len(codes) == 1 {
			f = codes[0]
		} else if len(codes) > 1 {
			f = codes[i]
		}
		if f != formatText && f != formatBinary {
			return nil, unsupportedFormat(f)
		}
		formats[i] = f
	}
	return formats, nil
}
