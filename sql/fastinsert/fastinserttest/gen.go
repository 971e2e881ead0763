package fastinserttest

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// Gen builds random INSERT statements of the shape fastinsert.Parse
// accepts, sometimes with one near miss spliced in: Parse must accept
// exactly the statements without one.
type Gen struct {
	r   *rand.Rand
	sb  strings.Builder
	bad bool
	// missRate is the probability that a piece is a near miss.
	missRate float64
}

// New returns a Gen seeded with seed that makes each piece of a statement
// a near miss with probability missRate.
func New(seed uint64, missRate float64) *Gen {
	return &Gen{r: rand.New(rand.NewPCG(seed, 1)), missRate: missRate}
}

// Statement returns a random statement with up to maxCols columns and
// maxRows rows (both ≥ 1), and whether it holds a near miss.
func (g *Gen) Statement(maxCols, maxRows int) (query string, nearMiss bool) {
	q := g.statement(1+g.r.IntN(maxCols), 1+g.r.IntN(maxRows))
	return q, g.bad
}

func (g *Gen) pick(list []string) string { return list[g.r.IntN(len(list))] }

func (g *Gen) miss() bool { return g.r.Float64() < g.missRate }

// w writes text, or a near miss from misses with probability missRate.
func (g *Gen) w(text string, misses []string) {
	if len(misses) > 0 && g.miss() {
		text, g.bad = g.pick(misses), true
	}
	g.sb.WriteString(text)
}

var (
	optSpace = []string{"", "", "", " ", "\n", "/**/", "/* c /* d */ e */", "--c\n", "\t", "\r\n", "\f"}
	reqSpace = []string{" ", " ", "  ", "\n", "/**/", "-- c\r", " /* x */ ", "\t"}
	idents   = []string{"t", "abc", "a1", "a$b", "_x", "Tab", "ABC", "name", "value", "type", "key", "data",
		"nulls", "format", "first", "text", "int", "json", "time", "varchar", "xmlexists", "overriding",
		`"Foo"`, `"a""b"`, `"é"`, `"select"`, `"has space"`, `"日本"`, strings.Repeat("x", 63)}
	badIdents = []string{"select", "user", "default", "from", "table", "system_user", "é", `""`, "a.b.c",
		strings.Repeat("x", 64), "t[1]", "1t", "t*", `U&"t"`, "only t"}
	keywordVals = []string{"NULL", "null", "Null", "TRUE", "true", "FALSE", "false", "DEFAULT", "default", "DeFaUlT"}
	decimals    = []string{"1.5", ".5", "5.", "0.0", "1e10", "1E10", "1.5E-3", "2.e+4", ".5e5", "00.100", "3e0"}
	badValues   = []string{"1::int", "E'x'", "e'x'", "0x1f", "0o7", "0b1", "1_000", "- -1", "-$1", "+'1'", "'a'\n'b'",
		"1e", "1e-", "x", "now()", "(1)", "$0", "1 + 2", "$$a$$", "U&'x'", "1..2", "1.2.3", "'open", "NULLX",
		"DATE '2020-01-01'", "-NULL", "ARRAY[1]", "$1x", "12abc", "'a'::text", "1 /* open", "CAST(1 AS int)"}
	stmtTails = []string{" RETURNING *", "; SELECT 1", " ON CONFLICT DO NOTHING", ", ()", ",", ";;", " x",
		" ORDER BY 1", " LIMIT 1", ")", "\v"}
	strChars = []string{"a", "Z", "0", " ", "''", `\`, "é", "日", "\n", "--", "/*", "*/", `"`, "$$", ",", ")"}
)

func (g *Gen) kw(word string) {
	for _, c := range word {
		if g.r.IntN(2) == 0 {
			c = c - 'a' + 'A'
		}
		g.sb.WriteRune(c)
	}
}

func (g *Gen) space(required bool) {
	if required {
		g.sb.WriteString(g.pick(reqSpace))
		return
	}
	g.sb.WriteString(g.pick(optSpace))
}

func (g *Gen) ident() { g.w(g.pick(idents), badIdents) }

func (g *Gen) statement(cols, rows int) string {
	g.sb.Reset()
	g.bad = false
	g.space(false)
	g.kw("insert")
	g.space(true)
	g.kw("into")
	g.space(true)
	g.target()
	list := g.r.IntN(3) > 0
	if list {
		g.columnList(cols)
	}
	g.space(!list || g.r.IntN(2) == 0)
	g.kw("values")
	g.space(false)
	g.rows(cols, rows)
	g.tail()
	return g.sb.String()
}

func (g *Gen) target() {
	if g.r.IntN(3) == 0 {
		g.ident()
		g.space(false)
		g.sb.WriteByte('.')
		g.space(false)
	}
	g.ident()
}

func (g *Gen) columnList(cols int) {
	g.space(false)
	g.sb.WriteByte('(')
	for i := 0; i < cols; i++ {
		if i > 0 {
			g.sb.WriteByte(',')
		}
		g.space(false)
		g.ident()
		g.space(false)
	}
	g.sb.WriteByte(')')
}

func (g *Gen) rows(cols, rows int) {
	for i := 0; i < rows; i++ {
		if i > 0 {
			g.space(false)
			g.sb.WriteByte(',')
			g.space(false)
		}
		width := cols
		if i > 0 && g.miss() {
			width, g.bad = cols+1, true
		}
		g.row(width)
	}
}

func (g *Gen) row(width int) {
	g.sb.WriteByte('(')
	for j := 0; j < width; j++ {
		if j > 0 {
			g.sb.WriteByte(',')
		}
		g.space(false)
		g.w(g.value(), badValues)
		g.space(false)
	}
	g.sb.WriteByte(')')
}

func (g *Gen) tail() {
	g.space(false)
	if g.miss() {
		g.sb.WriteString(g.pick(stmtTails))
		g.bad = true
		return
	}
	if g.r.IntN(2) == 0 {
		g.sb.WriteByte(';')
		g.space(false)
	}
}

func (g *Gen) value() string {
	switch g.r.IntN(7) {
	case 0:
		return g.integer()
	case 1:
		return g.sign() + g.pick(decimals)
	case 2:
		return g.str()
	case 3:
		return g.pick(keywordVals)
	case 4:
		return "$" + strings.Repeat("0", g.r.IntN(2)) + strconv.Itoa(1+g.r.IntN(99))
	default:
		return g.sign() + g.integer()
	}
}

// integer returns digits around the int4/int8 boundaries or at random.
func (g *Gen) integer() string {
	bounds := []string{"0", "1", "2147483647", "2147483648", "9223372036854775807", "9223372036854775808",
		"99999999999999999999", "007", "0002147483648"}
	if g.r.IntN(2) == 0 {
		return g.pick(bounds)
	}
	return strconv.FormatUint(g.r.Uint64()>>g.r.IntN(64), 10)
}

func (g *Gen) sign() string {
	return g.pick([]string{"", "", "-", "- ", "-/**/", "-\n", "+", "+ "})
}

func (g *Gen) str() string {
	var b strings.Builder
	b.WriteByte('\'')
	for n := g.r.IntN(6); n > 0; n-- {
		b.WriteString(g.pick(strChars))
	}
	b.WriteByte('\'')
	return b.String()
}
