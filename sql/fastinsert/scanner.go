package fastinsert

import (
	"math"
	"strings"
	"unicode/utf8"
)

// maxIdentLen is NAMEDATALEN-1: PostgreSQL truncates longer identifiers
// (with a NOTICE), so Parse rejects them instead.
const maxIdentLen = 63

// scanner walks a query string one token at a time. Every method leaves
// s.i after what it consumed and returns false when the text is not of
// the shape Parse accepts.
type scanner struct {
	q string
	i int
	// ascii is set when q has no multi-byte characters, so that character
	// positions are byte offsets plus one.
	ascii bool
	// posByte and posChars memoise the last position conversion: positions
	// are asked in increasing order, so counting runes stays one pass.
	posByte, posChars int
}

// makeScanner returns a scanner over q, or ok=false when q holds a NUL
// byte or invalid UTF-8 (which PostgreSQL rejects or counts differently),
// or is too long for pg_query's int32 locations.
func makeScanner(q string) (scanner, bool) {
	if len(q) > math.MaxInt32 || strings.IndexByte(q, 0) >= 0 {
		return scanner{}, false
	}
	ascii := isASCII(q)
	if !ascii && !utf8.ValidString(q) {
		return scanner{}, false
	}
	return scanner{q: q, ascii: ascii}, true
}

// isASCII reports whether q is pure ASCII, eight bytes at a time.
func isASCII(q string) bool {
	i := 0
	for ; i+8 <= len(q); i += 8 {
		w := uint64(q[i]) | uint64(q[i+1])<<8 | uint64(q[i+2])<<16 | uint64(q[i+3])<<24 |
			uint64(q[i+4])<<32 | uint64(q[i+5])<<40 | uint64(q[i+6])<<48 | uint64(q[i+7])<<56
		if w&0x8080808080808080 != 0 {
			return false
		}
	}
	for ; i < len(q); i++ {
		if q[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// charPos converts byte offset off (≥ every earlier argument) into a
// 1-based character position.
func (s *scanner) charPos(off int) int {
	if s.ascii {
		return off + 1
	}
	s.posChars += utf8.RuneCountInString(s.q[s.posByte:off])
	s.posByte = off
	return s.posChars + 1
}

func (s *scanner) atEnd() bool { return s.i >= len(s.q) }

// peek returns the byte at s.i, or 0 at the end (q holds no NUL).
func (s *scanner) peek() byte {
	if s.i < len(s.q) {
		return s.q[s.i]
	}
	return 0
}

func (s *scanner) peekAt(off int) byte {
	if j := s.i + off; j < len(s.q) {
		return s.q[j]
	}
	return 0
}

// skipSpace skips whitespace, -- comments and nested /* */ comments. It
// returns false on an unterminated block comment. Vertical tab is not
// whitespace in PostgreSQL 15, so it stops the skip like any other byte.
func (s *scanner) skipSpace() bool {
	for s.i < len(s.q) {
		switch c := s.q[s.i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			s.i++
		case c == '-' && s.peekAt(1) == '-':
			s.skipLineComment()
		case c == '/' && s.peekAt(1) == '*':
			if !s.skipBlockComment() {
				return false
			}
		default:
			return true
		}
	}
	return true
}

func (s *scanner) skipLineComment() {
	for s.i < len(s.q) && s.q[s.i] != '\n' && s.q[s.i] != '\r' {
		s.i++
	}
}

// skipBlockComment skips a /* comment, which nests in PostgreSQL.
func (s *scanner) skipBlockComment() bool {
	depth := 0
	for s.i+1 < len(s.q) {
		switch {
		case s.q[s.i] == '/' && s.q[s.i+1] == '*':
			depth++
			s.i += 2
		case s.q[s.i] == '*' && s.q[s.i+1] == '/':
			depth--
			s.i += 2
			if depth == 0 {
				return true
			}
		default:
			s.i++
		}
	}
	return false
}

// punct consumes the byte c if it is next.
func (s *scanner) punct(c byte) bool {
	if s.peek() != c {
		return false
	}
	s.i++
	return true
}

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= utf8.RuneSelf
}

func isIdentCont(c byte) bool {
	return isIdentStart(c) || c >= '0' && c <= '9' || c == '$'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// word consumes an unquoted identifier or keyword, as PostgreSQL's scanner
// delimits it (bytes ≥ 0x80 are identifier characters). It returns false
// when there is none or when it is not pure ASCII.
func (s *scanner) word() (string, bool) {
	start := s.i
	if !isIdentStart(s.peek()) {
		return "", false
	}
	for s.i < len(s.q) && isIdentCont(s.q[s.i]) {
		if s.q[s.i] >= utf8.RuneSelf {
			return "", false
		}
		s.i++
	}
	return s.q[start:s.i], true
}

// keyword consumes the keyword kw (lower case), matched case-insensitively.
func (s *scanner) keyword(kw string) bool {
	w, ok := s.word()
	return ok && isKeyword(w, kw)
}

// isKeyword reports whether the ASCII word w is kw (lower case) in any case.
func isKeyword(w, kw string) bool {
	if len(w) != len(kw) {
		return false
	}
	for i := 0; i < len(w); i++ {
		if lower(w[i]) != kw[i] {
			return false
		}
	}
	return true
}

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// ident consumes a column, table or schema name: a quoted identifier, or
// an unquoted one that is not a reserved keyword, folded to lower case.
func (s *scanner) ident() (string, bool) {
	if s.peek() == '"' {
		return s.quotedIdent()
	}
	w, ok := s.word()
	if !ok || len(w) > maxIdentLen {
		return "", false
	}
	w = foldLower(w)
	if isReserved(w) {
		return "", false
	}
	return w, true
}

// foldLower lower-cases an ASCII word, without allocating when it is
// already lower case.
func foldLower(w string) string {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 'A' && c <= 'Z' {
			return strings.ToLower(w)
		}
	}
	return w
}

// quotedIdent consumes "..." with "" escapes; PostgreSQL rejects an
// empty one and truncates long ones, so both are rejected.
func (s *scanner) quotedIdent() (string, bool) {
	body, ok := s.quoted('"')
	if !ok || len(body) == 0 || len(body) > maxIdentLen {
		return "", false
	}
	return body, true
}

// quoted consumes a token delimited by q (s.i is on the opening q) in
// which a doubled q stands for one q, and returns its contents. It only
// allocates when the contents hold an escape.
func (s *scanner) quoted(q byte) (string, bool) {
	start := s.i + 1
	end := strings.IndexByte(s.q[start:], q)
	if end < 0 {
		return "", false
	}
	end += start
	if end+1 >= len(s.q) || s.q[end+1] != q {
		s.i = end + 1
		return s.q[start:end], true
	}
	return s.quotedEscaped(q, start)
}

// quotedEscaped is quoted's slow path for contents holding doubled q.
func (s *scanner) quotedEscaped(q byte, start int) (string, bool) {
	var b strings.Builder
	for i := start; i < len(s.q); i++ {
		if s.q[i] != q {
			b.WriteByte(s.q[i])
			continue
		}
		if i+1 < len(s.q) && s.q[i+1] == q {
			b.WriteByte(q)
			i++
			continue
		}
		s.i = i + 1
		return b.String(), true
	}
	return "", false
}

// number consumes an unsigned number literal of PostgreSQL 15's scanner:
// digits, a decimal (1.5, .5, 5.) or a real (1e10, 1.5E-3). It reports
// whether it is a decimal (has '.' or an exponent). Forms PostgreSQL 15
// rejects or scans differently (1..2, 1e, 1e+) return false; trailing
// junk such as 0x10 or 1_000 is left for the caller, which only accepts a
// delimiter after a value.
func (s *scanner) number() (text string, decimal, ok bool) {
	start := s.i
	intDigits := s.digits()
	if s.peek() == '.' {
		if s.peekAt(1) == '.' {
			return "", false, false
		}
		s.i++
		decimal = true
		if intDigits+s.digits() == 0 {
			return "", false, false
		}
	} else if intDigits == 0 {
		return "", false, false
	}
	if c := s.peek(); c == 'e' || c == 'E' {
		s.i++
		if c := s.peek(); c == '+' || c == '-' {
			s.i++
		}
		if s.digits() == 0 {
			return "", false, false
		}
		decimal = true
	}
	return s.q[start:s.i], decimal, true
}

// digits consumes a run of ASCII digits and returns its length.
func (s *scanner) digits() int {
	start := s.i
	for s.i < len(s.q) && isDigit(s.q[s.i]) {
		s.i++
	}
	return s.i - start
}

// param consumes $n (s.i on the '$') with 1 ≤ n ≤ MaxInt32.
func (s *scanner) param() (int32, bool) {
	s.i++
	start := s.i
	n := 0
	for s.i < len(s.q) && isDigit(s.q[s.i]) {
		n = n*10 + int(s.q[s.i]-'0')
		if n > math.MaxInt32 {
			return 0, false
		}
		s.i++
	}
	return int32(n), s.i > start && n > 0
}
