package fastinsert

// value consumes one VALUES element into v (a zero Value). The caller
// checks what follows it, so anything that would extend it into an
// expression (a cast, an operator, a second string) makes the row fail.
func (p *parser) value(v *Value) bool {
	pos := p.s.i
	switch c := p.s.peek(); {
	case c == '\'':
		text, ok := p.s.quoted('\'')
		v.Kind, v.Text = String, text
		p.locate(v, pos)
		return ok
	case c == '$':
		n, ok := p.s.param()
		v.Kind, v.Param = Param, n
		p.locate(v, pos)
		return ok
	case isDigit(c) || c == '.':
		return p.number(v, pos, false /* negative */)
	case c == '-' || c == '+':
		return p.signed(v, pos)
	}
	return p.keywordValue(v, pos)
}

// locate records byte offset off as v's position.
func (p *parser) locate(v *Value, off int) {
	v.Pos, v.Off = p.s.charPos(off), off
}

// signed consumes a unary sign and the number literal it applies to.
// PostgreSQL folds '-' into the constant (keeping the sign's location);
// '+' stays an operator whose result has the literal's type and value.
// A sign before anything else (-$1, - -1, -'1') is an expression.
func (p *parser) signed(v *Value, pos int) bool {
	p.s.i++
	if !p.s.skipSpace() {
		return false
	}
	if c := p.s.peek(); !isDigit(c) && c != '.' {
		return false
	}
	return p.number(v, pos, p.s.q[pos] == '-')
}

// number consumes a number literal at s.i; negative reports a unary minus
// already consumed at byte pos (else pos is where the literal or its '+'
// starts).
func (p *parser) number(v *Value, pos int, negative bool) bool {
	start := p.s.i
	text, decimal, ok := p.s.number()
	if !ok {
		return false
	}
	v.Kind, v.Text = Integer, text
	p.locate(v, pos)
	if decimal {
		v.Kind = Decimal
	}
	if negative {
		v.Text = negate(p.s.q, pos, start, text)
	}
	return true
}

// negate returns text with a leading '-': a substring of q when the minus
// at pos directly precedes the digits at start.
func negate(q string, pos, start int, text string) string {
	if start == pos+1 {
		return q[pos : start+len(text)]
	}
	return "-" + text
}

// keywordValue consumes NULL, TRUE, FALSE or DEFAULT.
func (p *parser) keywordValue(v *Value, pos int) bool {
	w, ok := p.s.word()
	if !ok {
		return false
	}
	p.locate(v, pos)
	switch {
	case isKeyword(w, "null"):
		v.Kind = Null
	case isKeyword(w, "default"):
		v.Kind = Default
	case isKeyword(w, "true"):
		v.Kind, v.Bool, v.Text = Bool, true, "true"
	case isKeyword(w, "false"):
		v.Kind, v.Text = Bool, "false"
	default:
		return false
	}
	return true
}
