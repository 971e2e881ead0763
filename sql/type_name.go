package sql

import (
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v5"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
)

// typeNames maps PostgreSQL's internal and SQL type names to families.
var typeNames = map[string]types.Family{
	"bool": types.BoolFamily, "boolean": types.BoolFamily,
	"int2": types.Int2Family, "smallint": types.Int2Family,
	"int4": types.Int4Family, "int": types.Int4Family, "integer": types.Int4Family,
	"int8": types.Int8Family, "bigint": types.Int8Family,
	"float4": types.Float4Family, "real": types.Float4Family,
	"float8": types.Float8Family, "float": types.Float8Family, "double precision": types.Float8Family,
	"numeric": types.NumericFamily, "decimal": types.NumericFamily,
	"text":    types.TextFamily,
	"varchar": types.VarcharFamily, "character varying": types.VarcharFamily,
	"date":        types.DateFamily,
	"timestamp":   types.TimestampFamily,
	"timestamptz": types.TimestampTZFamily,
}

// resolveTypeName converts a parsed type name (with modifiers) to a T.
// serial types are 0A000; unknown names are 42704.
func (b *binder) resolveTypeName(tn *pg_query.TypeName) (types.T, error) {
	name := typeNameString(tn)
	if len(tn.ArrayBounds) > 0 {
		return types.T{}, b.errAt(pgerror.New(pgerror.FeatureNotSupported, "array types are not supported"), tn.Location)
	}
	switch name {
	case "serial", "serial4", "bigserial", "serial8", "smallserial", "serial2":
		return types.T{}, b.errAt(pgerror.Newf(pgerror.FeatureNotSupported, "type %s is not supported yet", name), tn.Location)
	}
	fam, ok := typeNames[name]
	if !ok {
		return types.T{}, b.errAt(pgerror.Newf(pgerror.UndefinedObject, "type \"%s\" does not exist", name), tn.Location)
	}
	t := types.T{Family: fam}
	mods, err := typeMods(tn)
	if err != nil {
		return t, b.errAt(err, tn.Location)
	}
	return applyTypeMods(t, name, mods, tn.Location, b)
}

func applyTypeMods(t types.T, name string, mods []int32, loc int32, b *binder) (types.T, error) {
	switch t.Family {
	case types.VarcharFamily:
		if len(mods) > 0 {
			if mods[0] < 1 {
				return t, b.errAt(pgerror.New(pgerror.InvalidParameterValue, "length for type varchar must be at least 1"), loc)
			}
			t.Width = mods[0]
		}
	case types.NumericFamily:
		if len(mods) > 0 {
			if mods[0] < 1 || mods[0] > 1000 {
				return t, b.errAt(pgerror.Newf(pgerror.InvalidParameterValue, "NUMERIC precision %d must be between 1 and 1000", mods[0]), loc)
			}
			t.Precision = mods[0]
		}
		if len(mods) > 1 {
			t.Scale = mods[1]
		}
	case types.TimestampFamily, types.TimestampTZFamily:
		// Precision modifiers are accepted and ignored (microseconds).
	default:
		if len(mods) > 0 && name != "float" {
			return t, b.errAt(pgerror.Newf(pgerror.SyntaxError, "type modifier is not allowed for type \"%s\"", name), loc)
		}
		if name == "float" && len(mods) > 0 && mods[0] <= 24 {
			t = types.Float4Type
		}
	}
	return t, nil
}

// typeNameString returns the type's name without a pg_catalog prefix, with
// the timestamp spellings normalised.
func typeNameString(tn *pg_query.TypeName) string {
	var parts []string
	for _, n := range tn.Names {
		if s := n.GetString_(); s != nil {
			parts = append(parts, s.Sval)
		}
	}
	if len(parts) > 1 && parts[0] == "pg_catalog" {
		parts = parts[1:]
	}
	name := strings.ToLower(strings.Join(parts, "."))
	switch name {
	case "float8":
		return "float8"
	case "bpchar":
		return "bpchar"
	}
	return name
}

func typeMods(tn *pg_query.TypeName) ([]int32, error) {
	var out []int32
	for _, m := range tn.Typmods {
		c := m.GetAConst()
		if c == nil || c.GetIval() == nil {
			return nil, pgerror.New(pgerror.SyntaxError, "type modifiers must be simple constants or identifiers")
		}
		out = append(out, c.GetIval().Ival)
	}
	return out, nil
}
