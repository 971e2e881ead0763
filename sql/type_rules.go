package sql

import "github.com/quiverdb/quiver/internal/types"

// numericRank orders the number types for implicit promotion:
// int2 < int4 < int8 < numeric < float4 < float8.
func numericRank(f types.Family) int {
	switch f {
	case types.Int2Family:
		return 1
	case types.Int4Family:
		return 2
	case types.Int8Family:
		return 3
	case types.NumericFamily:
		return 4
	case types.Float4Family:
		return 5
	case types.Float8Family:
		return 6
	}
	return 0
}

var rankTypes = [...]types.T{1: types.Int2Type, 2: types.Int4Type, 3: types.Int8Type, 4: types.NumericType, 5: types.Float4Type, 6: types.Float8Type}

// commonNumeric returns the type both operands promote to. real mixed
// with anything else goes to double precision, as in PostgreSQL.
func commonNumeric(a, b types.T) types.T {
	ra, rb := numericRank(a.Family), numericRank(b.Family)
	if a.Family == b.Family {
		return types.T{Family: a.Family}
	}
	hi, lo := ra, rb
	if rb > ra {
		hi, lo = rb, ra
	}
	if hi == 5 && lo != 5 {
		return types.Float8Type
	}
	return rankTypes[hi]
}

// dateRank orders date < timestamp < timestamptz.
func dateRank(f types.Family) int {
	switch f {
	case types.DateFamily:
		return 1
	case types.TimestampFamily:
		return 2
	case types.TimestampTZFamily:
		return 3
	}
	return 0
}

// commonType returns the type two values of a comparison, CASE or
// COALESCE share, and false when PostgreSQL has no implicit cast
// between them. Unknowns take the other side's type (text if both).
func commonType(a, b types.T) (types.T, bool) {
	switch {
	case a.Family == types.UnknownFamily && b.Family == types.UnknownFamily:
		return types.TextType, true
	case a.Family == types.UnknownFamily:
		return b, true
	case b.Family == types.UnknownFamily:
		return a, true
	case a == b:
		return a, true
	case a.IsNumeric() && b.IsNumeric():
		return commonNumeric(a, b), true
	case a.IsString() && b.IsString():
		if a.Family == b.Family {
			return types.T{Family: a.Family}, true
		}
		return types.TextType, true
	case dateRank(a.Family) > 0 && dateRank(b.Family) > 0:
		if dateRank(a.Family) > dateRank(b.Family) {
			return types.T{Family: a.Family}, true
		}
		return types.T{Family: b.Family}, true
	case a.Family == b.Family:
		return types.T{Family: a.Family}, true
	}
	return types.T{}, false
}

// assignable reports whether a value of type from may be stored in a
// column of type to (an assignment cast exists).
func assignable(from, to types.T) bool {
	switch {
	case from.Family == types.UnknownFamily || from.Family == to.Family:
		return true
	case from.IsNumeric() && to.IsNumeric():
		return true
	case to.IsString():
		return true
	case dateRank(from.Family) > 0 && dateRank(to.Family) > 0:
		return true
	}
	return false
}

// explicitCastable reports whether CAST(from AS to) exists.
func explicitCastable(from, to types.T) bool {
	switch {
	case assignable(from, to):
		return true
	case from.IsString():
		return true
	case from.Family == types.BoolFamily && to.Family == types.Int4Family,
		from.Family == types.Int4Family && to.Family == types.BoolFamily:
		return true
	}
	return false
}
