package sql

import (
	"strconv"
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v5"
)

// fastParseInsert recognises the statement bulk loaders send,
//
//	INSERT INTO name [(col, ...)] VALUES (lit, ...), ... [;]
//
// where every lit is a number, a string, NULL, TRUE, FALSE or DEFAULT,
// and builds the very parse tree pg_query would (same nodes, same
// locations) without the cost of the C parser and its protobuf round
// trip. Anything else, including every syntax error, returns false and
// goes to pg_query, so this is an optimisation only.
func fastParseInsert(query string) (rawStmt, bool) {
	p := &fastParser{s: query}
	ins, ok := p.insert()
	if !ok {
		return rawStmt{}, false
	}
	end := p.i
	p.space()
	if p.peek() == ';' {
		p.i++
		p.space()
	}
	if p.i != len(p.s) {
		return rawStmt{}, false
	}
	node := &pg_query.Node{Node: &pg_query.Node_InsertStmt{InsertStmt: ins}}
	return rawStmt{node: node, text: strings.TrimSpace(query[:end])}, true
}

type fastParser struct {
	s string
	i int
	// Slabs for the nodes of a VALUES list, which hold most of a bulk
	// INSERT's allocations.
	nodes  slab[pg_query.Node]
	consts slab[pg_query.A_Const]
	wraps  slab[pg_query.Node_AConst]
	ivals  slab[pg_query.A_Const_Ival]
	ints   slab[pg_query.Integer]
	fvals  slab[pg_query.A_Const_Fval]
	floats slab[pg_query.Float]
	svals  slab[pg_query.A_Const_Sval]
	strs   slab[pg_query.String]
}

// slab hands out pointers into chunks of Ts, one allocation per chunk;
// chunks grow from 4 to 256 elements.
type slab[T any] struct{ buf []T }

func (s *slab[T]) new() *T {
	if len(s.buf) == cap(s.buf) {
		s.buf = make([]T, 0, min(max(2*cap(s.buf), 4), 256))
	}
	s.buf = s.buf[:len(s.buf)+1]
	return &s.buf[len(s.buf)-1]
}

func (p *fastParser) peek() byte {
	if p.i < len(p.s) {
		return p.s[p.i]
	}
	return 0
}

func (p *fastParser) space() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r', '\f', '\v':
			p.i++
		default:
			return
		}
	}
}

// punct consumes c after optional white space.
func (p *fastParser) punct(c byte) bool {
	p.space()
	if p.peek() != c {
		return false
	}
	p.i++
	return true
}

// word reads an unquoted identifier or keyword, lower-cased, and its
// offset.
func (p *fastParser) word() (string, int32, bool) {
	p.space()
	start := p.i
	for p.i < len(p.s) {
		c := p.s[p.i]
		if c == '_' || isASCIILetter(c) || p.i > start && (c >= '0' && c <= '9' || c == '$') {
			p.i++
			continue
		}
		break
	}
	if p.i == start || p.i < len(p.s) && p.s[p.i] >= 0x80 {
		return "", 0, false
	}
	return strings.ToLower(p.s[start:p.i]), int32(start), true
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func (p *fastParser) keyword(kw string) bool {
	w, _, ok := p.word()
	return ok && w == kw
}

// ident reads a name that may stand for a table or column (not one of
// PostgreSQL's reserved or type/function-name keywords).
func (p *fastParser) ident() (string, int32, bool) {
	w, loc, ok := p.word()
	if !ok || reservedWords[w] {
		return "", 0, false
	}
	return w, loc, true
}

func (p *fastParser) insert() (*pg_query.InsertStmt, bool) {
	p.space()
	if !p.keyword("insert") || !p.keyword("into") {
		return nil, false
	}
	name, loc, ok := p.ident()
	if !ok {
		return nil, false
	}
	ins := &pg_query.InsertStmt{
		Relation: &pg_query.RangeVar{Relname: name, Inh: true, Relpersistence: "p", Location: loc},
		Override: pg_query.OverridingKind_OVERRIDING_NOT_SET,
	}
	if p.punct('(') {
		if ins.Cols, ok = p.columns(); !ok {
			return nil, false
		}
	}
	if !p.keyword("values") {
		return nil, false
	}
	sel := &pg_query.SelectStmt{LimitOption: pg_query.LimitOption_LIMIT_OPTION_DEFAULT, Op: pg_query.SetOperation_SETOP_NONE}
	for {
		row, ok := p.row()
		if !ok {
			return nil, false
		}
		sel.ValuesLists = append(sel.ValuesLists, &pg_query.Node{Node: &pg_query.Node_List{List: &pg_query.List{Items: row}}})
		save := p.i
		if !p.punct(',') {
			p.i = save
			break
		}
	}
	ins.SelectStmt = &pg_query.Node{Node: &pg_query.Node_SelectStmt{SelectStmt: sel}}
	return ins, true
}

func (p *fastParser) columns() ([]*pg_query.Node, bool) {
	var cols []*pg_query.Node
	for {
		name, loc, ok := p.ident()
		if !ok {
			return nil, false
		}
		cols = append(cols, &pg_query.Node{Node: &pg_query.Node_ResTarget{ResTarget: &pg_query.ResTarget{Name: name, Location: loc}}})
		if p.punct(')') {
			return cols, true
		}
		if !p.punct(',') {
			return nil, false
		}
	}
}

func (p *fastParser) row() ([]*pg_query.Node, bool) {
	if !p.punct('(') {
		return nil, false
	}
	var items []*pg_query.Node
	for {
		v, ok := p.value()
		if !ok {
			return nil, false
		}
		items = append(items, v)
		if p.punct(')') {
			return items, true
		}
		if !p.punct(',') {
			return nil, false
		}
	}
}

// aConst wraps a constant in its Node.
func (p *fastParser) aConst(c *pg_query.A_Const) *pg_query.Node {
	w := p.wraps.new()
	w.AConst = c
	n := p.nodes.new()
	n.Node = w
	return n
}

func (p *fastParser) constAt(loc int32) *pg_query.A_Const {
	c := p.consts.new()
	c.Location = loc
	return c
}

func (p *fastParser) value() (*pg_query.Node, bool) {
	p.space()
	loc := int32(p.i)
	switch c := p.peek(); {
	case c == '\'':
		s, ok := p.str()
		if !ok {
			return nil, false
		}
		c, v, str := p.constAt(loc), p.svals.new(), p.strs.new()
		str.Sval, v.Sval, c.Val = s, str, v
		return p.aConst(c), true
	case c == '-' || c == '.' || c >= '0' && c <= '9':
		return p.number(loc)
	}
	w, _, ok := p.word()
	if !ok {
		return nil, false
	}
	switch w {
	case "null":
		c := p.constAt(loc)
		c.Isnull = true
		return p.aConst(c), true
	case "true", "false":
		c := p.constAt(loc)
		c.Val = &pg_query.A_Const_Boolval{Boolval: &pg_query.Boolean{Boolval: w == "true"}}
		return p.aConst(c), true
	case "default":
		return &pg_query.Node{Node: &pg_query.Node_SetToDefault{SetToDefault: &pg_query.SetToDefault{Location: loc}}}, true
	}
	return nil, false
}

// str reads a standard-conforming string literal (” is a quote). A
// literal followed by another one (SQL's continuation) is not handled.
func (p *fastParser) str() (string, bool) {
	p.i++ // opening quote
	var sb strings.Builder
	for {
		j := strings.IndexByte(p.s[p.i:], '\'')
		if j < 0 {
			return "", false
		}
		sb.WriteString(p.s[p.i : p.i+j])
		p.i += j + 1
		if p.peek() != '\'' {
			break
		}
		sb.WriteByte('\'')
		p.i++
	}
	if c := p.peek(); c == '\'' || isASCIILetter(c) || c == '_' || c >= 0x80 {
		return "", false
	}
	return sb.String(), true
}

// number reads an optionally negated numeric literal as pg_query
// represents it: an integer that fits int32 is an Ival, anything else
// an Fval holding the literal's text.
func (p *fastParser) number(loc int32) (*pg_query.Node, bool) {
	neg := p.peek() == '-'
	if neg {
		p.i++
	}
	start := p.i
	digits := func() int {
		n := 0
		for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
			p.i++
			n++
		}
		return n
	}
	n := digits()
	isInt := true
	if p.peek() == '.' {
		p.i++
		isInt = false
		n += digits()
	}
	if n == 0 {
		return nil, false
	}
	if c := p.peek(); c == 'e' || c == 'E' {
		p.i++
		isInt = false
		if c := p.peek(); c == '+' || c == '-' {
			p.i++
		}
		if digits() == 0 {
			return nil, false
		}
	}
	if c := p.peek(); isASCIILetter(c) || c == '_' || c == '.' || c >= 0x80 || c == '\'' {
		return nil, false
	}
	text := p.s[start:p.i]
	if isInt && len(text) <= 10 {
		if v, err := strconv.ParseInt(text, 10, 32); err == nil {
			if neg {
				v = -v
			}
			c, iv, n := p.constAt(loc), p.ivals.new(), p.ints.new()
			n.Ival, iv.Ival, c.Val = int32(v), n, iv
			return p.aConst(c), true
		}
	}
	if neg {
		text = p.s[start-1 : p.i]
	}
	c, fv, f := p.constAt(loc), p.fvals.new(), p.floats.new()
	f.Fval, fv.Fval, c.Val = text, f, fv
	return p.aConst(c), true
}

// reservedWords are PostgreSQL's reserved and type/function-name
// keywords, which cannot name a table or column without quotes.
var reservedWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`all analyse analyze and any array as asc asymmetric both case cast
		check collate column constraint create current_catalog current_date current_role current_time
		current_timestamp current_user default deferrable desc distinct do else end except false fetch
		for foreign from grant group having in initially intersect into lateral leading limit localtime
		localtimestamp not null offset on only or order placing primary references returning select
		session_user some symmetric system_user table then to trailing true union unique user using
		variadic when where window with authorization binary collation concurrently cross
		current_schema freeze full ilike inner is isnull join left like natural notnull outer overlaps
		right similar tablesample verbose values`) {
		m[w] = true
	}
	return m
}()
