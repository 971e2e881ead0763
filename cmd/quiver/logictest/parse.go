package logictest

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Kind is the type of a record.
type Kind int

// The record kinds.
const (
	KindStatement Kind = iota
	KindQuery
	KindHashThreshold
	KindHalt
)

// SortMode says how a query's results are ordered before comparison.
type SortMode int

// The sort modes.
const (
	NoSort SortMode = iota
	RowSort
	ValueSort
)

// Record is one record of a logic test file.
type Record struct {
	Kind Kind
	// Line is the 1-based line of the record's header.
	Line int
	// SkipIf and OnlyIf list the engines of the guards before the record.
	SkipIf, OnlyIf []string
	SQL            string

	// ExpectError, ErrCode and ErrRegex describe `statement error`.
	ExpectError bool
	ErrCode     string
	ErrRegex    *regexp.Regexp

	// Types, Sort and Label describe a query.
	Types string
	Sort  SortMode
	Label string
	// Expected holds the lines after `----`; HasSeparator says whether
	// `----` was present.
	Expected     []string
	HasSeparator bool
	// ResultStart and ResultEnd are the 0-based line range of Expected in
	// the file; without a separator both are the line after the SQL.
	ResultStart, ResultEnd int

	// Threshold is the value of `hash-threshold`.
	Threshold int
}

// File is a parsed logic test file.
type File struct {
	Path    string
	Lines   []string
	Configs []string
	Records []Record
}

var sqlstateRE = regexp.MustCompile(`^[0-9A-Z]{5}$`)

// Parse parses the text of a logic test file. strict requires every
// `statement error` to name a SQLSTATE.
func Parse(path, text string, strict bool) (*File, error) {
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	p := &parser{f: &File{Path: path, Lines: lines}, strict: strict}
	if err := p.run(); err != nil {
		return nil, err
	}
	return p.f, nil
}

type parser struct {
	f              *File
	strict         bool
	i              int
	skipIf, onlyIf []string
}

func (p *parser) errorf(line int, format string, args ...any) error {
	return fmt.Errorf("%s:%d: %s", p.f.Path, line+1, fmt.Sprintf(format, args...))
}

func (p *parser) run() error {
	for p.i < len(p.f.Lines) {
		line := strings.TrimSpace(p.f.Lines[p.i])
		switch {
		case line == "":
			p.i++
		case strings.HasPrefix(line, "#"):
			p.comment(line)
			p.i++
		default:
			if err := p.record(strings.Fields(line)); err != nil {
				return err
			}
		}
	}
	return nil
}

func (p *parser) comment(line string) {
	rest := strings.TrimSpace(strings.TrimPrefix(line, "#"))
	if cfg, ok := strings.CutPrefix(rest, "config:"); ok {
		if cfg = strings.Join(strings.Fields(cfg), " "); cfg != "" {
			p.f.Configs = append(p.f.Configs, cfg)
		}
	}
}

// record parses the record whose header is at p.i.
func (p *parser) record(tok []string) error {
	start := p.i
	switch tok[0] {
	case "skipif", "onlyif":
		if len(tok) < 2 {
			return p.errorf(start, "%s needs an engine name", tok[0])
		}
		if tok[0] == "skipif" {
			p.skipIf = append(p.skipIf, tok[1])
		} else {
			p.onlyIf = append(p.onlyIf, tok[1])
		}
		p.i++
		return nil
	case "halt":
		p.add(Record{Kind: KindHalt, Line: start + 1})
		p.i++
		return nil
	case "hash-threshold":
		return p.hashThreshold(tok)
	case "statement":
		return p.statement(tok)
	case "query":
		return p.query(tok)
	}
	return p.errorf(start, "unknown record type %q", tok[0])
}

func (p *parser) add(r Record) {
	r.SkipIf, r.OnlyIf = p.skipIf, p.onlyIf
	p.skipIf, p.onlyIf = nil, nil
	p.f.Records = append(p.f.Records, r)
}

func (p *parser) hashThreshold(tok []string) error {
	if len(tok) != 2 {
		return p.errorf(p.i, "hash-threshold needs one number")
	}
	n, err := strconv.Atoi(tok[1])
	if err != nil || n < 0 {
		return p.errorf(p.i, "bad hash-threshold %q", tok[1])
	}
	p.add(Record{Kind: KindHashThreshold, Line: p.i + 1, Threshold: n})
	p.i++
	return nil
}

func (p *parser) statement(tok []string) error {
	r := Record{Kind: KindStatement, Line: p.i + 1}
	if len(tok) < 2 {
		return p.errorf(p.i, "statement needs ok or error")
	}
	switch tok[1] {
	case "ok":
		if len(tok) > 2 {
			return p.errorf(p.i, "unexpected %q after statement ok", tok[2])
		}
	case "error":
		if err := p.expectError(&r, tok[2:]); err != nil {
			return err
		}
	default:
		return p.errorf(p.i, "statement needs ok or error, not %q", tok[1])
	}
	p.i++
	r.SQL = p.sqlLines(false)
	if r.SQL == "" {
		return p.errorf(r.Line-1, "statement without SQL")
	}
	p.add(r)
	return nil
}

// expectError fills r from the words after `statement error`.
func (p *parser) expectError(r *Record, rest []string) error {
	r.ExpectError = true
	if len(rest) > 0 && sqlstateRE.MatchString(rest[0]) {
		r.ErrCode, rest = rest[0], rest[1:]
	} else if p.strict {
		return p.errorf(p.i, "statement error must name a SQLSTATE")
	}
	if len(rest) == 0 {
		return nil
	}
	// The regex is the rest of the header line, spacing kept.
	header := strings.TrimSpace(p.f.Lines[p.i])
	idx := strings.Index(header, rest[0])
	re, err := regexp.Compile(strings.TrimSpace(header[idx:]))
	if err != nil {
		return p.errorf(p.i, "bad error regex: %v", err)
	}
	r.ErrRegex = re
	return nil
}

func (p *parser) query(tok []string) error {
	r := Record{Kind: KindQuery, Line: p.i + 1}
	if len(tok) < 2 {
		return p.errorf(p.i, "query needs column types")
	}
	r.Types = tok[1]
	if strings.Trim(r.Types, "IRTB") != "" {
		return p.errorf(p.i, "bad column types %q (want letters I, R, T, B)", r.Types)
	}
	if len(tok) > 2 {
		switch tok[2] {
		case "nosort":
		case "rowsort":
			r.Sort = RowSort
		case "valuesort":
			r.Sort = ValueSort
		default:
			return p.errorf(p.i, "bad sort mode %q", tok[2])
		}
	}
	if len(tok) > 3 {
		r.Label = tok[3]
	}
	p.i++
	r.SQL = p.sqlLines(true)
	if r.SQL == "" {
		return p.errorf(r.Line-1, "query without SQL")
	}
	p.results(&r)
	p.add(r)
	return nil
}

// sqlLines consumes the SQL of a record: lines up to a blank line, the end
// of the file or, in a query, the `----` separator.
func (p *parser) sqlLines(query bool) string {
	var sql []string
	for p.i < len(p.f.Lines) {
		l := p.f.Lines[p.i]
		if strings.TrimSpace(l) == "" || (query && strings.TrimSpace(l) == "----") {
			break
		}
		sql = append(sql, l)
		p.i++
	}
	return strings.TrimSpace(strings.Join(sql, "\n"))
}

// results consumes `----` and the expected values that follow it.
func (p *parser) results(r *Record) {
	r.ResultStart, r.ResultEnd = p.i, p.i
	if p.i >= len(p.f.Lines) || strings.TrimSpace(p.f.Lines[p.i]) != "----" {
		return
	}
	r.HasSeparator = true
	p.i++
	r.ResultStart = p.i
	for p.i < len(p.f.Lines) && strings.TrimSpace(p.f.Lines[p.i]) != "" {
		r.Expected = append(r.Expected, strings.TrimRight(p.f.Lines[p.i], " \t"))
		p.i++
	}
	r.ResultEnd = p.i
}

// Applies says whether a record with these guards runs on engine; aliases
// are further names the engine answers to (see the -slt corpus mode).
func (r *Record) Applies(engine string, aliases ...string) bool {
	names := append([]string{engine}, aliases...)
	for _, e := range r.SkipIf {
		if slices.Contains(names, e) {
			return false
		}
	}
	for _, e := range r.OnlyIf {
		if !slices.Contains(names, e) {
			return false
		}
	}
	return true
}
