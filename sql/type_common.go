package sql

import (
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
)

// typeCategory is pg_type.typcategory: implicit casts and the choice of a
// common type only happen within one category.
func typeCategory(t types.T) byte {
	switch {
	case t.Family == types.UnknownFamily:
		return 'X'
	case t.IsNumeric():
		return 'N'
	case t.IsString():
		return 'S'
	case dateRank(t.Family) > 0:
		return 'D'
	case t.Family == types.BoolFamily:
		return 'B'
	}
	return 'U'
}

// isPreferred reports pg_type.typispreferred: float8, text, timestamptz
// and boolean are their categories' preferred types.
func isPreferred(t types.T) bool {
	switch t.Family {
	case types.Float8Family, types.TextFamily, types.TimestampTZFamily, types.BoolFamily:
		return true
	}
	return false
}

// implicitCastable reports whether PostgreSQL converts from to to without
// an explicit cast (pg_cast's 'i' context, or the same type).
func implicitCastable(from, to types.T) bool {
	switch {
	case from.Family == types.UnknownFamily || from.Family == to.Family:
		return true
	case from.IsNumeric() && to.IsNumeric():
		return numericRank(from.Family) < numericRank(to.Family)
	case from.IsString() && to.IsString():
		return true
	case dateRank(from.Family) > 0 && dateRank(to.Family) > 0:
		return dateRank(from.Family) < dateRank(to.Family)
	}
	return false
}

// selectCommonType is PostgreSQL's UNION/CASE/COALESCE type resolution
// (parse_coerce.c select_common_type): unknowns are ignored (all unknown
// gives text), every known type must be of one category, and the result
// is the first preferred type met, or else the type every earlier one
// converts to implicitly. It returns the index of the offending input
// when two categories meet.
func selectCommonType(ts []types.T) (types.T, int, bool) {
	p, pi := types.UnknownType, -1
	for i, t := range ts {
		if t.Family == types.UnknownFamily {
			continue
		}
		if pi < 0 {
			p, pi = t, i
			continue
		}
		if t.Family == p.Family {
			continue
		}
		if typeCategory(t) != typeCategory(p) {
			return p, i, false
		}
		if !isPreferred(p) && implicitCastable(p, t) && !implicitCastable(t, p) {
			p = t
		}
	}
	if pi < 0 {
		return types.TextType, -1, true
	}
	return types.T{Family: p.Family, Width: p.Width, Precision: p.Precision, Scale: p.Scale}, -1, true
}

// unify coerces es (with source offsets locs) to their common type; what
// names the construct for 42804 ("CASE", "COALESCE", "GREATEST").
func (b *binder) unify(es []*execpb.Expr, locs []int32, what string) ([]*execpb.Expr, types.T, error) {
	ts := make([]types.T, len(es))
	for i, e := range es {
		ts[i] = e.Type
	}
	t, bad, ok := selectCommonType(ts)
	if !ok {
		return nil, t, b.errAt(pgerror.Newf(pgerror.DatatypeMismatch, "%s types %s and %s cannot be matched", what, t, ts[bad]), locs[bad])
	}
	t = dropModifiersIfMixed(t, ts)
	out := make([]*execpb.Expr, len(es))
	for i, e := range es {
		if !implicitCastable(e.Type, t) {
			return nil, t, b.errAt(pgerror.Newf(pgerror.CannotCoerce, "%s could not convert type %s to %s", what, e.Type, t), locs[i])
		}
		c, err := b.coerce(e, t, locs[i])
		if err != nil {
			return nil, t, err
		}
		out[i] = c
	}
	return out, t, nil
}

// dropModifiersIfMixed keeps t's modifiers only when every known input has
// exactly t (PostgreSQL's select_common_typmod).
func dropModifiersIfMixed(t types.T, ts []types.T) types.T {
	for _, x := range ts {
		if x.Family != types.UnknownFamily && x != t {
			return types.T{Family: t.Family}
		}
	}
	return t
}
