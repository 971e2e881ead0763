package sql

import "github.com/quiverdb/quiver/internal/types"

// funcSig is one pg_proc entry of a scalar function exec implements.
type funcSig struct {
	args []types.T
	ret  types.T
	// anyArgs marks a VARIADIC "any" function (concat): every argument
	// is accepted as it is, unknowns as text.
	anyArgs bool
}

// funcDef is a function name's overloads and the exec operator (Op)
// that runs them.
type funcDef struct {
	op   string
	sigs []funcSig
}

var (
	tText = types.TextType
	tI2   = types.Int2Type
	tI4   = types.Int4Type
	tI8   = types.Int8Type
	tF4   = types.Float4Type
	tF8   = types.Float8Type
	tNum  = types.NumericType
	tTs   = types.TimestampType
	tTsTZ = types.TimestampTZType
	tDate = types.DateType
)

func sig(ret types.T, args ...types.T) funcSig { return funcSig{args: args, ret: ret} }

// sameSig is the overloads f(t) → t for each of ts.
func sameSig(ts ...types.T) []funcSig {
	out := make([]funcSig, len(ts))
	for i, t := range ts {
		out[i] = sig(t, t)
	}
	return out
}

// sameSig2 is the overloads f(t, t) → t for each of ts.
func sameSig2(ts ...types.T) []funcSig {
	out := make([]funcSig, len(ts))
	for i, t := range ts {
		out[i] = sig(t, t, t)
	}
	return out
}

// scalarFuncDefs are the scalar functions the binder resolves, with
// PostgreSQL 15's signatures (\df) restricted to the types Quiver has.
var scalarFuncDefs = map[string]funcDef{
	"abs":              {"abs", sameSig(tI2, tI4, tI8, tF4, tF8, tNum)},
	"lower":            {"lower", []funcSig{sig(tText, tText)}},
	"upper":            {"upper", []funcSig{sig(tText, tText)}},
	"length":           {"length", []funcSig{sig(tI4, tText)}},
	"char_length":      {"char_length", []funcSig{sig(tI4, tText)}},
	"character_length": {"char_length", []funcSig{sig(tI4, tText)}},
	"btrim":            {"btrim", []funcSig{sig(tText, tText), sig(tText, tText, tText)}},
	"ltrim":            {"ltrim", []funcSig{sig(tText, tText), sig(tText, tText, tText)}},
	"rtrim":            {"rtrim", []funcSig{sig(tText, tText), sig(tText, tText, tText)}},
	"substr":           {"substr", []funcSig{sig(tText, tText, tI4), sig(tText, tText, tI4, tI4)}},
	"substring":        {"substring", []funcSig{sig(tText, tText, tI4), sig(tText, tText, tI4, tI4)}},
	"replace":          {"replace", []funcSig{sig(tText, tText, tText, tText)}},
	"strpos":           {"strpos", []funcSig{sig(tI4, tText, tText)}},
	"position":         {"position", []funcSig{sig(tI4, tText, tText)}},
	"left":             {"left", []funcSig{sig(tText, tText, tI4)}},
	"right":            {"right", []funcSig{sig(tText, tText, tI4)}},
	"concat":           {"concat", []funcSig{{ret: tText, anyArgs: true}}},
	"round":            {"round", []funcSig{sig(tF8, tF8), sig(tNum, tNum), sig(tNum, tNum, tI4)}},
	"trunc":            {"trunc", []funcSig{sig(tF8, tF8), sig(tNum, tNum), sig(tNum, tNum, tI4)}},
	"floor":            {"floor", sameSig(tF8, tNum)},
	"ceil":             {"ceil", sameSig(tF8, tNum)},
	"ceiling":          {"ceiling", sameSig(tF8, tNum)},
	"sqrt":             {"sqrt", sameSig(tF8, tNum)},
	"sign":             {"sign", sameSig(tF8, tNum)},
	"power":            {"power", sameSig2(tF8, tNum)},
	"pow":              {"power", sameSig2(tF8, tNum)},
	"mod":              {"mod", sameSig2(tI2, tI4, tI8, tNum)},
	"extract":          {"extract", []funcSig{sig(tNum, tText, tTsTZ), sig(tNum, tText, tTs), sig(tNum, tText, tDate)}},
	"date_part":        {"date_part", []funcSig{sig(tF8, tText, tTsTZ), sig(tF8, tText, tTs)}},
	"date_trunc":       {"date_trunc", []funcSig{sig(tTsTZ, tText, tTsTZ), sig(tTs, tText, tTs)}},
}

// zonedFuncs read a timestamptz argument as wall-clock time: the binder
// passes the session's time zone (types.ZoneSpec) as one more argument.
var zonedFuncs = map[string]bool{"extract": true, "date_part": true, "date_trunc": true}
