package types

import (
	"fmt"

	"github.com/apache/arrow/go/v15/arrow"
)

// Family is the kind of a SQL type.
type Family uint8

// The type families Quiver supports.
const (
	// UnknownFamily is the type of an untyped literal or NULL before binding
	// resolves it (PostgreSQL's "unknown").
	UnknownFamily Family = iota
	BoolFamily
	Int2Family
	Int4Family
	Int8Family
	Float4Family
	Float8Family
	NumericFamily
	TextFamily
	VarcharFamily
	DateFamily
	TimestampFamily
	TimestampTZFamily
)

// T is a SQL type: a family plus its modifiers.
type T struct {
	Family Family
	// Width is the n of varchar(n); 0 means unbounded.
	Width int32
	// Precision and Scale are numeric(p,s)'s; Precision 0 means unconstrained.
	Precision int32
	Scale     int32
}

// Ready-made types without modifiers.
var (
	UnknownType     = T{Family: UnknownFamily}
	BoolType        = T{Family: BoolFamily}
	Int2Type        = T{Family: Int2Family}
	Int4Type        = T{Family: Int4Family}
	Int8Type        = T{Family: Int8Family}
	Float4Type      = T{Family: Float4Family}
	Float8Type      = T{Family: Float8Family}
	NumericType     = T{Family: NumericFamily}
	TextType        = T{Family: TextFamily}
	VarcharType     = T{Family: VarcharFamily}
	DateType        = T{Family: DateFamily}
	TimestampType   = T{Family: TimestampFamily}
	TimestampTZType = T{Family: TimestampTZFamily}
)

// PostgreSQL type OIDs (pg_type.oid).
const (
	OidBool        uint32 = 16
	OidInt8        uint32 = 20
	OidInt2        uint32 = 21
	OidInt4        uint32 = 23
	OidText        uint32 = 25
	OidFloat4      uint32 = 700
	OidFloat8      uint32 = 701
	OidUnknown     uint32 = 705
	OidVarchar     uint32 = 1043
	OidDate        uint32 = 1082
	OidTimestamp   uint32 = 1114
	OidTimestampTZ uint32 = 1184
	OidNumeric     uint32 = 1700
)

var familyInfo = [...]struct {
	oid  uint32
	name string // PostgreSQL's format_type name
	size int16  // pg_type.typlen
}{
	UnknownFamily:     {OidUnknown, "unknown", -2},
	BoolFamily:        {OidBool, "boolean", 1},
	Int2Family:        {OidInt2, "smallint", 2},
	Int4Family:        {OidInt4, "integer", 4},
	Int8Family:        {OidInt8, "bigint", 8},
	Float4Family:      {OidFloat4, "real", 4},
	Float8Family:      {OidFloat8, "double precision", 8},
	NumericFamily:     {OidNumeric, "numeric", -1},
	TextFamily:        {OidText, "text", -1},
	VarcharFamily:     {OidVarchar, "character varying", -1},
	DateFamily:        {OidDate, "date", 4},
	TimestampFamily:   {OidTimestamp, "timestamp without time zone", 8},
	TimestampTZFamily: {OidTimestampTZ, "timestamp with time zone", 8},
}

// Oid returns the PostgreSQL type OID.
func (t T) Oid() uint32 { return familyInfo[t.Family].oid }

// TypeLen returns pg_type.typlen (-1 for variable length).
func (t T) TypeLen() int16 { return familyInfo[t.Family].size }

// TypeMod returns the atttypmod PostgreSQL reports, or -1.
func (t T) TypeMod() int32 {
	switch {
	case t.Family == VarcharFamily && t.Width > 0:
		return t.Width + 4
	case t.Family == NumericFamily && t.Precision > 0:
		return ((t.Precision << 16) | t.Scale) + 4
	}
	return -1
}

// String returns PostgreSQL's format_type name, with modifiers.
func (t T) String() string {
	name := familyInfo[t.Family].name
	switch {
	case t.Family == VarcharFamily && t.Width > 0:
		return fmt.Sprintf("%s(%d)", name, t.Width)
	case t.Family == NumericFamily && t.Precision > 0:
		return fmt.Sprintf("%s(%d,%d)", name, t.Precision, t.Scale)
	}
	return name
}

// Equivalent reports whether two types have the same family (modifiers
// ignored).
func (t T) Equivalent(o T) bool { return t.Family == o.Family }

// IsInteger reports whether t is smallint, integer or bigint.
func (t T) IsInteger() bool {
	return t.Family == Int2Family || t.Family == Int4Family || t.Family == Int8Family
}

// IsNumeric reports whether t is a number type.
func (t T) IsNumeric() bool {
	return t.IsInteger() || t.Family == Float4Family || t.Family == Float8Family || t.Family == NumericFamily
}

// IsString reports whether t is text or varchar.
func (t T) IsString() bool { return t.Family == TextFamily || t.Family == VarcharFamily }

// FromOid returns the type with the given OID.
func FromOid(oid uint32) (T, bool) {
	for f, info := range familyInfo {
		if info.oid == oid {
			return T{Family: Family(f)}, true
		}
	}
	return T{}, false
}

// ArrowType returns the Arrow type of a column of t.
//
// Numeric columns hold each value's canonical decimal text in an Arrow
// string column; arithmetic parses it into apd decimals.
func (t T) ArrowType() arrow.DataType {
	switch t.Family {
	case BoolFamily:
		return arrow.FixedWidthTypes.Boolean
	case Int2Family:
		return arrow.PrimitiveTypes.Int16
	case Int4Family:
		return arrow.PrimitiveTypes.Int32
	case Int8Family:
		return arrow.PrimitiveTypes.Int64
	case Float4Family:
		return arrow.PrimitiveTypes.Float32
	case Float8Family:
		return arrow.PrimitiveTypes.Float64
	case DateFamily:
		return arrow.FixedWidthTypes.Date32
	case TimestampFamily:
		return &arrow.TimestampType{Unit: arrow.Microsecond}
	case TimestampTZFamily:
		return &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}
	case UnknownFamily:
		return arrow.Null
	default: // Numeric, Text, Varchar
		return arrow.BinaryTypes.String
	}
}
