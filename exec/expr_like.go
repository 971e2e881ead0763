package exec

import (
	"strings"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
)

// likeToken is one element of a compiled LIKE pattern.
type likeToken struct {
	kind byte // 'c' literal rune, '_' one rune, '%' any run
	r    rune
}

// likePattern is a compiled LIKE pattern (with backslash as escape).
type likePattern []likeToken

var errLikeEscape = pgerror.New(pgerror.InvalidEscapeSequence, "LIKE pattern must not end with escape character")

func compileLike(p string, fold bool) (likePattern, error) {
	if fold {
		p = strings.ToLower(p)
	}
	var out likePattern
	rs := []rune(p)
	for i := 0; i < len(rs); i++ {
		switch rs[i] {
		case '%':
			if len(out) == 0 || out[len(out)-1].kind != '%' {
				out = append(out, likeToken{kind: '%'})
			}
		case '_':
			out = append(out, likeToken{kind: '_'})
		case '\\':
			if i+1 == len(rs) {
				return nil, errLikeEscape
			}
			i++
			out = append(out, likeToken{kind: 'c', r: rs[i]})
		default:
			out = append(out, likeToken{kind: 'c', r: rs[i]})
		}
	}
	return out, nil
}

// match reports whether s matches the pattern. It backtracks only to the
// last %, so it runs in O(len(s) * len(p)).
func (p likePattern) match(s string) bool {
	rs := []rune(s)
	si, pi := 0, 0
	star, starS := -1, 0
	for si < len(rs) {
		switch {
		case pi < len(p) && p[pi].kind == '%':
			star, starS = pi, si
			pi++
		case pi < len(p) && (p[pi].kind == '_' || p[pi].r == rs[si]):
			si++
			pi++
		case star >= 0:
			starS++
			si, pi = starS, star+1
		default:
			return false
		}
	}
	for pi < len(p) && p[pi].kind == '%' {
		pi++
	}
	return pi == len(p)
}

// likeExpr is [NOT] [I]LIKE.
type likeExpr struct {
	not, fold bool
	s, p      evaluator
	pat       likePattern // compiled once when the pattern is constant
}

func newLikeExpr(op string, args []evaluator) (evaluator, error) {
	if len(args) != 2 {
		return nil, pgerror.AssertionFailedf("%s needs 2 arguments", op)
	}
	op = strings.ToUpper(op)
	e := &likeExpr{not: strings.HasPrefix(op, "NOT"), fold: strings.HasSuffix(op, "ILIKE"), s: args[0], p: args[1]}
	if k, ok := asConst(args[1]); ok {
		if ks, ok := k.(string); ok {
			pat, err := compileLike(ks, e.fold)
			if err != nil {
				return nil, err
			}
			e.pat = pat
		}
	}
	return e, nil
}

func (e *likeExpr) typ() types.T { return types.BoolType }

func (e *likeExpr) eval(c *evalCtx, rec arrow.Record, sel []bool) (arrow.Array, error) {
	sa, pa, err := evalPair(c, rec, sel, e.s, e.p)
	if err != nil {
		return nil, err
	}
	defer sa.Release()
	defer pa.Release()
	n := int(rec.NumRows())
	out := newBoolBuilder(c.alloc, n)
	out.valid, out.nulls = andValidity(c.alloc, n, sa, pa)
	if out.nulls == n {
		return out.finish(), nil
	}
	ss, ps := sa.(*array.String), pa.(*array.String)
	for i := 0; i < n; i++ {
		if !validAt(out.valid, i) || (sel != nil && !sel[i]) {
			continue
		}
		m, err := e.matchRow(ss.Value(i), ps.Value(i))
		if err != nil {
			out.finish().Release()
			return nil, err
		}
		setBit(out.bits.Bytes(), i, m != e.not)
	}
	return out.finish(), nil
}

func (e *likeExpr) matchRow(s, p string) (bool, error) {
	pat := e.pat
	if pat == nil {
		var err error
		if pat, err = compileLike(p, e.fold); err != nil {
			return false, err
		}
	}
	if e.fold {
		s = strings.ToLower(s)
	}
	return pat.match(s), nil
}

// newConcatOpExpr compiles a || b: text output of both sides, NULL if
// either is NULL.
func newConcatOpExpr(t types.T, args []evaluator) evaluator {
	ts := argTypes(args)
	return &rowExpr{t: t, args: args, strict: true, f: func(ds []types.Datum) (types.Datum, error) {
		var sb strings.Builder
		for i, d := range ds {
			sb.WriteString(datumText(ts[i], d))
		}
		return sb.String(), nil
	}}
}

// datumText returns d's text form (strings as they are).
func datumText(t types.T, d types.Datum) string {
	if s, ok := d.(string); ok && t.Family != types.NumericFamily {
		return s
	}
	return types.FormatText(t, d)
}
