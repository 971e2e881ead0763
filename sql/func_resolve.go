package sql

import (
	"strings"

	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
)

// selectFunc picks the overload of def for argument types args the way
// PostgreSQL's func_select_candidate does: an exact match, else the
// candidates every argument converts to implicitly, narrowed by the most
// exact matches, then the most preferred types, then the category of the
// unknown arguments, then by assuming unknowns have the known arguments'
// type. It returns nil and false when nothing matches, nil and true when
// several candidates remain (ambiguous).
func selectFunc(def funcDef, args []types.T) (*funcSig, bool) {
	var cands []*funcSig
	for i := range def.sigs {
		s := &def.sigs[i]
		if s.anyArgs {
			return s, false
		}
		if len(s.args) == len(args) && sigAccepts(s, args) {
			cands = append(cands, s)
		}
	}
	for _, c := range cands {
		if exactMatches(c, args) == len(args) {
			return c, false
		}
	}
	for _, narrow := range []func([]*funcSig, []types.T) []*funcSig{
		keepMostExact, keepMostPreferred, keepUnknownCategory, keepAssumingKnown,
	} {
		if len(cands) <= 1 {
			break
		}
		cands = narrow(cands, args)
	}
	switch len(cands) {
	case 0:
		return nil, false
	case 1:
		return cands[0], false
	}
	return nil, true
}

func sigAccepts(s *funcSig, args []types.T) bool {
	for i, a := range args {
		if !implicitCastable(a, s.args[i]) {
			return false
		}
	}
	return true
}

func exactMatches(s *funcSig, args []types.T) int {
	n := 0
	for i, a := range args {
		if a.Family == s.args[i].Family {
			n++
		}
	}
	return n
}

// keepBest keeps the candidates with the highest score (all of them when
// every score is the same).
func keepBest(cands []*funcSig, score func(*funcSig) int) []*funcSig {
	best := -1
	var out []*funcSig
	for _, c := range cands {
		switch n := score(c); {
		case n > best:
			best, out = n, []*funcSig{c}
		case n == best:
			out = append(out, c)
		}
	}
	return out
}

func keepMostExact(cands []*funcSig, args []types.T) []*funcSig {
	return keepBest(cands, func(c *funcSig) int { return exactMatches(c, args) })
}

// keepMostPreferred counts, for known arguments, exact matches and
// candidate types that are preferred in the argument's category.
func keepMostPreferred(cands []*funcSig, args []types.T) []*funcSig {
	return keepBest(cands, func(c *funcSig) int {
		n := 0
		for i, a := range args {
			if a.Family != types.UnknownFamily && (a.Family == c.args[i].Family || isPreferred(c.args[i]) && typeCategory(c.args[i]) == typeCategory(a)) {
				n++
			}
		}
		return n
	})
}

// keepUnknownCategory resolves unknown arguments: a position where some
// candidate takes a string is a string; else, if the candidates agree on
// a category, its preferred type wins.
func keepUnknownCategory(cands []*funcSig, args []types.T) []*funcSig {
	for i, a := range args {
		if a.Family != types.UnknownFamily || len(cands) <= 1 {
			continue
		}
		cat, same, pref := typeCategory(cands[0].args[i]), true, false
		for _, c := range cands {
			ct := typeCategory(c.args[i])
			if ct == 'S' {
				cat = 'S'
			}
			same = same && ct == typeCategory(cands[0].args[i])
		}
		if !same && cat != 'S' {
			continue
		}
		var keep []*funcSig
		for _, c := range cands {
			if typeCategory(c.args[i]) == cat {
				keep = append(keep, c)
				pref = pref || isPreferred(c.args[i])
			}
		}
		if pref {
			keep = keepBest(keep, func(c *funcSig) int {
				if isPreferred(c.args[i]) {
					return 1
				}
				return 0
			})
		}
		cands = keep
	}
	return cands
}

// keepAssumingKnown assumes the unknown arguments have the type of the
// known ones, when those all agree.
func keepAssumingKnown(cands []*funcSig, args []types.T) []*funcSig {
	known := types.UnknownType
	for _, a := range args {
		if a.Family == types.UnknownFamily {
			continue
		}
		if known.Family != types.UnknownFamily && known.Family != a.Family {
			return cands
		}
		known = a
	}
	if known.Family == types.UnknownFamily {
		return cands
	}
	var keep []*funcSig
	for _, c := range cands {
		ok := true
		for i, a := range args {
			ok = ok && (a.Family != types.UnknownFamily || implicitCastable(known, c.args[i]))
		}
		if ok {
			keep = append(keep, c)
		}
	}
	if len(keep) == 0 {
		return cands
	}
	return keep
}

func typeList(ts []types.T) string {
	s := make([]string, len(ts))
	for i, t := range ts {
		s[i] = types.T{Family: t.Family}.String()
	}
	return strings.Join(s, ", ")
}

// undefinedFunction is 42883 for a call without a matching overload.
func undefinedFunction(name string, args []types.T) error {
	err := pgerror.Newf(pgerror.UndefinedFunction, "function %s(%s) does not exist", name, typeList(args))
	return pgerror.WithHint(err, "No function matches the given name and argument types. You might need to add explicit type casts.")
}

// ambiguousFunction is 42725 when several overloads match equally well.
func ambiguousFunction(name string, args []types.T) error {
	err := pgerror.Newf(pgerror.AmbiguousFunction, "function %s(%s) is not unique", name, typeList(args))
	return pgerror.WithHint(err, "Could not choose a best candidate function. You might need to add explicit type casts.")
}
