package sql

import (
	"strconv"
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v5"
	"github.com/quiverdb/quiver/internal/pgerror"
)

// copyFormat is a COPY data format.
type copyFormat uint8

const (
	copyText copyFormat = iota
	copyCSV
	copyBinary
)

// copyHeader is the HEADER option: none, a line to skip (or write), or a
// line whose names must match the columns (COPY FROM only).
type copyHeader uint8

const (
	headerNone copyHeader = iota
	headerSkip
	headerMatch
)

// copyOptions are a COPY statement's options after validation, with
// PostgreSQL's defaults filled in.
type copyOptions struct {
	format    copyFormat
	delim     byte
	null      string
	header    copyHeader
	quote     byte
	escape    byte
	forceQAll bool     // FORCE_QUOTE *
	forceQ    []string // FORCE_QUOTE (cols)
	forceNN   []string // FORCE_NOT_NULL (cols)
	forceNull []string // FORCE_NULL (cols)
}

// copyOptionSeen records which options were given, for "conflicting or
// redundant options" and the checks that depend on an option being set.
type copyOptionSeen struct {
	format, freeze, delim, null, header, quote, escape bool
	forceQ, forceNN, forceNull, encoding               bool
}

// parseCopyOptions validates a COPY statement's DefElem options as
// ProcessCopyOptions does. b positions errors.
func (b *binder) parseCopyOptions(defs []*pg_query.Node, isFrom bool) (copyOptions, error) {
	var o copyOptions
	var seen copyOptionSeen
	var delim, null, quote, escape *string
	for _, n := range defs {
		d := n.GetDefElem()
		if d == nil {
			continue
		}
		var err error
		switch d.Defname {
		case "format":
			err = b.copyFormatOption(d, &o, &seen.format)
		case "freeze":
			err = once(b, d, &seen.freeze, func() error { _, err := defBool(d); return err })
		case "delimiter":
			err = once(b, d, &seen.delim, func() error { return defStringInto(d, &delim) })
		case "null":
			err = once(b, d, &seen.null, func() error { return defStringInto(d, &null) })
		case "header":
			err = once(b, d, &seen.header, func() (err error) { o.header, err = defHeader(d, isFrom); return err })
		case "quote":
			err = once(b, d, &seen.quote, func() error { return defStringInto(d, &quote) })
		case "escape":
			err = once(b, d, &seen.escape, func() error { return defStringInto(d, &escape) })
		case "force_quote":
			err = once(b, d, &seen.forceQ, func() (err error) { o.forceQ, o.forceQAll, err = defColumns(d, true); return err })
		case "force_not_null":
			err = once(b, d, &seen.forceNN, func() (err error) { o.forceNN, _, err = defColumns(d, false); return err })
		case "force_null":
			err = once(b, d, &seen.forceNull, func() (err error) { o.forceNull, _, err = defColumns(d, false); return err })
		case "encoding":
			err = once(b, d, &seen.encoding, func() error { return b.copyEncoding(d) })
		default:
			err = b.errAt(pgerror.Newf(pgerror.SyntaxError, "option \"%s\" not recognized", d.Defname), d.Location)
		}
		if err != nil {
			return o, err
		}
	}
	return o, o.finish(isFrom, delim, null, quote, escape)
}

// once runs parse for an option unless it was already given.
func once(b *binder, d *pg_query.DefElem, seen *bool, parse func() error) error {
	if *seen {
		return b.errAt(pgerror.New(pgerror.SyntaxError, "conflicting or redundant options"), d.Location)
	}
	*seen = true
	return parse()
}

func (b *binder) copyFormatOption(d *pg_query.DefElem, o *copyOptions, seen *bool) error {
	return once(b, d, seen, func() error {
		s, err := defString(d)
		if err != nil {
			return err
		}
		switch s {
		case "text":
			o.format = copyText
		case "csv":
			o.format = copyCSV
		case "binary":
			o.format = copyBinary
		default:
			return b.errAt(pgerror.Newf(pgerror.InvalidParameterValue, "COPY format \"%s\" not recognized", s), d.Location)
		}
		return nil
	})
}

// copyEncoding accepts the encodings that are UTF-8 or its subset ASCII:
// Quiver's only server encoding.
func (b *binder) copyEncoding(d *pg_query.DefElem) error {
	s, err := defString(d)
	if err != nil {
		return err
	}
	switch strings.ToLower(strings.NewReplacer("-", "", "_", "").Replace(s)) {
	case "utf8", "unicode", "sqlascii":
		return nil
	}
	return b.errAt(pgerror.Newf(pgerror.InvalidParameterValue, "argument to option \"%s\" must be a valid encoding name", d.Defname), d.Location)
}

// defString is defGetString: the option's value as text.
func defString(d *pg_query.DefElem) (string, error) {
	a := d.Arg
	switch {
	case a == nil:
		return "", pgerror.Newf(pgerror.SyntaxError, "%s requires a parameter", d.Defname)
	case a.GetString_() != nil:
		return a.GetString_().Sval, nil
	case a.GetInteger() != nil:
		return strconv.Itoa(int(a.GetInteger().Ival)), nil
	case a.GetFloat() != nil:
		return a.GetFloat().Fval, nil
	case a.GetBoolean() != nil:
		return strconv.FormatBool(a.GetBoolean().Boolval), nil
	case a.GetAStar() != nil:
		return "*", nil
	}
	return "", pgerror.Newf(pgerror.SyntaxError, "%s requires a parameter", d.Defname)
}

func defStringInto(d *pg_query.DefElem, dst **string) error {
	s, err := defString(d)
	if err == nil {
		*dst = &s
	}
	return err
}

// defBool is defGetBoolean.
func defBool(d *pg_query.DefElem) (bool, error) {
	if d.Arg == nil {
		return true, nil
	}
	if i := d.Arg.GetInteger(); i != nil && (i.Ival == 0 || i.Ival == 1) {
		return i.Ival == 1, nil
	}
	if s, err := defString(d); err == nil {
		if v, ok := parseBoolWord(s); ok {
			return v, nil
		}
	}
	return false, pgerror.Newf(pgerror.SyntaxError, "%s requires a Boolean value", d.Defname)
}

func parseBoolWord(s string) (bool, bool) {
	switch strings.ToLower(s) {
	case "true", "on", "yes", "1", "t", "y":
		return true, true
	case "false", "off", "no", "0", "f", "n":
		return false, true
	}
	return false, false
}

// defHeader is defGetCopyHeaderChoice.
func defHeader(d *pg_query.DefElem, isFrom bool) (copyHeader, error) {
	if d.Arg == nil {
		return headerSkip, nil
	}
	if i := d.Arg.GetInteger(); i != nil && (i.Ival == 0 || i.Ival == 1) {
		return copyHeader(i.Ival), nil
	}
	s, _ := defString(d)
	if strings.EqualFold(s, "match") {
		if !isFrom {
			return 0, pgerror.Newf(pgerror.FeatureNotSupported, "cannot use \"%s\" with HEADER in COPY TO", s)
		}
		return headerMatch, nil
	}
	if v, ok := parseBoolWord(s); ok {
		if v {
			return headerSkip, nil
		}
		return headerNone, nil
	}
	return 0, pgerror.Newf(pgerror.SyntaxError, "%s requires a Boolean value or \"match\"", d.Defname)
}

// defColumns reads a column list option (or * when star is allowed).
func defColumns(d *pg_query.DefElem, star bool) ([]string, bool, error) {
	if d.Arg != nil && d.Arg.GetAStar() != nil && star {
		return nil, true, nil
	}
	l := d.Arg.GetList()
	if l == nil {
		return nil, false, pgerror.Newf(pgerror.InvalidParameterValue, "argument to option \"%s\" must be a list of column names", d.Defname)
	}
	out := make([]string, 0, len(l.Items))
	for _, it := range l.Items {
		out = append(out, it.GetString_().GetSval())
	}
	return out, false, nil
}

// finish fills in the defaults and checks the combinations, in
// ProcessCopyOptions' order.
func (o *copyOptions) finish(isFrom bool, delim, null, quote, escape *string) error {
	bin, csv := o.format == copyBinary, o.format == copyCSV
	switch {
	case bin && delim != nil:
		return pgerror.New(pgerror.SyntaxError, "cannot specify DELIMITER in BINARY mode")
	case bin && null != nil:
		return pgerror.New(pgerror.SyntaxError, "cannot specify NULL in BINARY mode")
	case bin && o.header != headerNone:
		return pgerror.New(pgerror.FeatureNotSupported, "cannot specify HEADER in BINARY mode")
	}
	o.delim, o.null = '\t', `\N`
	if csv {
		o.delim, o.null = ',', ""
	}
	if delim != nil {
		if len(*delim) != 1 {
			return pgerror.New(pgerror.FeatureNotSupported, "COPY delimiter must be a single one-byte character")
		}
		o.delim = (*delim)[0]
	}
	if null != nil {
		o.null = *null
	}
	if err := o.checkDelimAndNull(); err != nil {
		return err
	}
	if err := o.setQuoteEscape(csv, quote, escape); err != nil {
		return err
	}
	return o.checkForce(isFrom, csv)
}

func (o *copyOptions) checkDelimAndNull() error {
	switch {
	case o.delim == '\n' || o.delim == '\r':
		return pgerror.New(pgerror.InvalidParameterValue, "COPY delimiter cannot be newline or carriage return")
	case strings.ContainsAny(o.null, "\r\n"):
		return pgerror.New(pgerror.InvalidParameterValue, "COPY null representation cannot use newline or carriage return")
	case o.format == copyText && strings.IndexByte(`\.abcdefghijklmnopqrstuvwxyz0123456789`, o.delim) >= 0:
		return pgerror.Newf(pgerror.InvalidParameterValue, "COPY delimiter cannot be \"%c\"", o.delim)
	}
	return nil
}

func (o *copyOptions) setQuoteEscape(csv bool, quote, escape *string) error {
	switch {
	case !csv && quote != nil:
		return pgerror.New(pgerror.FeatureNotSupported, "COPY quote available only in CSV mode")
	case quote != nil && len(*quote) != 1:
		return pgerror.New(pgerror.FeatureNotSupported, "COPY quote must be a single one-byte character")
	case !csv && escape != nil:
		return pgerror.New(pgerror.FeatureNotSupported, "COPY escape available only in CSV mode")
	case escape != nil && len(*escape) != 1:
		return pgerror.New(pgerror.FeatureNotSupported, "COPY escape must be a single one-byte character")
	}
	if !csv {
		return nil
	}
	o.quote = '"'
	if quote != nil {
		o.quote = (*quote)[0]
	}
	o.escape = o.quote
	if escape != nil {
		o.escape = (*escape)[0]
	}
	if o.delim == o.quote {
		return pgerror.New(pgerror.InvalidParameterValue, "COPY delimiter and quote must be different")
	}
	return nil
}

func (o *copyOptions) checkForce(isFrom, csv bool) error {
	quoted := o.forceQAll || o.forceQ != nil
	switch {
	case !csv && quoted:
		return pgerror.New(pgerror.FeatureNotSupported, "COPY force quote available only in CSV mode")
	case quoted && isFrom:
		return pgerror.New(pgerror.FeatureNotSupported, "COPY force quote only available using COPY TO")
	case !csv && o.forceNN != nil:
		return pgerror.New(pgerror.FeatureNotSupported, "COPY force not null available only in CSV mode")
	case o.forceNN != nil && !isFrom:
		return pgerror.New(pgerror.FeatureNotSupported, "COPY force not null only available using COPY FROM")
	case !csv && o.forceNull != nil:
		return pgerror.New(pgerror.FeatureNotSupported, "COPY force null available only in CSV mode")
	case o.forceNull != nil && !isFrom:
		return pgerror.New(pgerror.FeatureNotSupported, "COPY force null only available using COPY FROM")
	case o.format != copyBinary && strings.IndexByte(o.null, o.delim) >= 0:
		return pgerror.New(pgerror.FeatureNotSupported, "COPY delimiter must not appear in the NULL specification")
	case csv && strings.IndexByte(o.null, o.quote) >= 0:
		return pgerror.New(pgerror.FeatureNotSupported, "CSV quote character must not appear in the NULL specification")
	}
	return nil
}
