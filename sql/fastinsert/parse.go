package fastinsert

// Parse recognises `INSERT INTO [schema.]table [(col, ...)] VALUES (v, ...),
// (v, ...) [;]` where each v is a literal, a parameter or DEFAULT, and
// returns ok=false for anything else. A literal is NULL, TRUE, FALSE, a
// '...' string, or a number with at most one unary sign.
func Parse(query string) (stmt *Insert, ok bool) {
	s, ok := makeScanner(query)
	if !ok {
		return nil, false
	}
	p := parser{s: s}
	return p.parse()
}

// parser holds Parse's state: the scanner and the statement being built.
type parser struct {
	s   scanner
	ins Insert
}

func (p *parser) parse() (*Insert, bool) {
	if !p.head() || !p.target() || !p.columns() || !p.values() || !p.tail() {
		return nil, false
	}
	return &p.ins, true
}

// head consumes INSERT INTO.
func (p *parser) head() bool {
	return p.s.skipSpace() && p.s.keyword("insert") && p.s.skipSpace() && p.s.keyword("into")
}

// target consumes the [schema.]table name.
func (p *parser) target() bool {
	if !p.s.skipSpace() {
		return false
	}
	p.ins.TablePos, p.ins.TableOff = p.s.charPos(p.s.i), p.s.i
	name, ok := p.s.ident()
	if !ok || !p.s.skipSpace() {
		return false
	}
	if !p.s.punct('.') {
		p.ins.Table = name
		return true
	}
	p.ins.Schema = name
	if !p.s.skipSpace() {
		return false
	}
	p.ins.Table, ok = p.s.ident()
	return ok
}

// columns consumes an optional column list.
func (p *parser) columns() bool {
	if !p.s.skipSpace() {
		return false
	}
	if !p.s.punct('(') {
		return true
	}
	for {
		if !p.s.skipSpace() {
			return false
		}
		off := p.s.i
		name, ok := p.s.ident()
		if !ok || !p.s.skipSpace() {
			return false
		}
		p.ins.Columns = append(p.ins.Columns, Column{Name: name, Pos: p.s.charPos(off), Off: off})
		if p.s.punct(')') {
			return true
		}
		if !p.s.punct(',') {
			return false
		}
	}
}

// values consumes VALUES and its rows, which must all have the same
// length (PostgreSQL's analysis rejects ragged lists; sql reports that).
func (p *parser) values() bool {
	if !p.s.skipSpace() || !p.s.keyword("values") {
		return false
	}
	flat := make([]Value, 0, firstRowCap)
	width := 0
	for rows := 0; ; rows++ {
		if !p.s.skipSpace() {
			return false
		}
		start := p.s.i
		var ok bool
		if flat, ok = p.row(flat); !ok {
			return false
		}
		if rows == 0 {
			width = len(flat)
			flat = growFor(flat, len(p.s.q)-p.s.i, p.s.i-start)
		} else if len(flat) != (rows+1)*width {
			return false
		}
		if !p.s.skipSpace() {
			return false
		}
		if !p.s.punct(',') {
			p.ins.Rows = splitRows(flat, width)
			return true
		}
	}
}

const (
	// firstRowCap is the room for the first row's values; later rows get
	// room from growFor's estimate.
	firstRowCap = 8
	// maxEstimate caps growFor's guess, so that a tiny first row before
	// long ones cannot reserve far more than the query needs; append's
	// doubling takes over past it.
	maxEstimate = 1 << 16
)

// growFor gives flat room for the rows that probably follow in rest bytes
// of query, judging by the first row's size (rowBytes).
func growFor(flat []Value, rest, rowBytes int) []Value {
	want := min(len(flat)*(rest/(rowBytes+1)+2), maxEstimate)
	if want <= cap(flat) {
		return flat
	}
	out := make([]Value, len(flat), want)
	copy(out, flat)
	return out
}

// splitRows cuts flat into rows of width values.
func splitRows(flat []Value, width int) [][]Value {
	rows := make([][]Value, len(flat)/width)
	for i := range rows {
		rows[i] = flat[i*width : (i+1)*width : (i+1)*width]
	}
	return rows
}

// row consumes one parenthesised VALUES list, appending it to flat.
func (p *parser) row(flat []Value) ([]Value, bool) {
	if !p.s.punct('(') {
		return flat, false
	}
	for {
		if !p.s.skipSpace() {
			return flat, false
		}
		flat = extend(flat)
		if !p.value(&flat[len(flat)-1]) || !p.s.skipSpace() {
			return flat, false
		}
		if p.s.punct(')') {
			return flat, true
		}
		if !p.s.punct(',') {
			return flat, false
		}
	}
}

// extend lengthens flat by one zero Value. flat only ever grows, so the
// room past its length is still zero from make and need not be cleared
// (append would clear it again, with GC write barriers).
func extend(flat []Value) []Value {
	if len(flat) < cap(flat) {
		return flat[:len(flat)+1]
	}
	return append(flat, Value{})
}

// tail consumes an optional ';' and requires the end of the query; End
// is where the ';' is, or the end.
func (p *parser) tail() bool {
	if !p.s.skipSpace() {
		return false
	}
	p.ins.End = len(p.s.q)
	if p.s.peek() == ';' {
		p.ins.End = p.s.i
		p.s.i++
		if !p.s.skipSpace() {
			return false
		}
	}
	return p.s.atEnd()
}
