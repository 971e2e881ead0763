package sql

import (
	"strconv"
	"strings"

	"github.com/quiverdb/quiver/internal/types"
)

// information_schema's domains: sql_identifier (name), cardinal_number
// (integer), character_data and yes_or_no (varchar) are shown as their
// base types' text, which is what clients read.
var (
	sqlIdentifierT  = types.TextType
	cardinalNumberT = types.Int4Type
	characterDataT  = types.TextType
	yesOrNoT        = types.TextType
)

func infoSchemaTablesView() *virtualTable {
	return &virtualTable{
		schema: "information_schema", name: "tables", oid: 13425, kind: "v",
		cols: cols("table_catalog", sqlIdentifierT, "table_schema", sqlIdentifierT, "table_name", sqlIdentifierT,
			"table_type", characterDataT, "self_referencing_column_name", sqlIdentifierT,
			"reference_generation", characterDataT, "user_defined_type_catalog", sqlIdentifierT,
			"user_defined_type_schema", sqlIdentifierT, "user_defined_type_name", sqlIdentifierT,
			"is_insertable_into", yesOrNoT, "is_typed", yesOrNoT, "commit_action", characterDataT),
		rows: func(env *catalogEnv) [][]any {
			var out [][]any
			for _, r := range env.relations() {
				tableType, insertable := "BASE TABLE", "YES"
				if r.kind == "v" {
					tableType, insertable = "VIEW", "NO"
				}
				out = append(out, []any{env.dbName, r.schema, r.name, tableType, nil, nil, nil, nil, nil,
					insertable, "NO", nil})
			}
			return out
		},
	}
}

func infoSchemaColumnsView() *virtualTable {
	return &virtualTable{
		schema: "information_schema", name: "columns", oid: 13295, kind: "v",
		cols: cols("table_catalog", sqlIdentifierT, "table_schema", sqlIdentifierT, "table_name", sqlIdentifierT,
			"column_name", sqlIdentifierT, "ordinal_position", cardinalNumberT, "column_default", characterDataT,
			"is_nullable", yesOrNoT, "data_type", characterDataT, "character_maximum_length", cardinalNumberT,
			"character_octet_length", cardinalNumberT, "numeric_precision", cardinalNumberT,
			"numeric_precision_radix", cardinalNumberT, "numeric_scale", cardinalNumberT,
			"datetime_precision", cardinalNumberT, "interval_type", characterDataT,
			"interval_precision", cardinalNumberT, "character_set_catalog", sqlIdentifierT,
			"character_set_schema", sqlIdentifierT, "character_set_name", sqlIdentifierT,
			"collation_catalog", sqlIdentifierT, "collation_schema", sqlIdentifierT,
			"collation_name", sqlIdentifierT, "domain_catalog", sqlIdentifierT, "domain_schema", sqlIdentifierT,
			"domain_name", sqlIdentifierT, "udt_catalog", sqlIdentifierT, "udt_schema", sqlIdentifierT,
			"udt_name", sqlIdentifierT, "scope_catalog", sqlIdentifierT, "scope_schema", sqlIdentifierT,
			"scope_name", sqlIdentifierT, "maximum_cardinality", cardinalNumberT, "dtd_identifier", sqlIdentifierT,
			"is_self_referencing", yesOrNoT, "is_identity", yesOrNoT, "identity_generation", characterDataT,
			"identity_start", characterDataT, "identity_increment", characterDataT,
			"identity_maximum", characterDataT, "identity_minimum", characterDataT, "identity_cycle", yesOrNoT,
			"is_generated", characterDataT, "generation_expression", characterDataT, "is_updatable", yesOrNoT),
		rows: func(env *catalogEnv) [][]any {
			var out [][]any
			for _, r := range env.relations() {
				for i, c := range r.cols {
					out = append(out, columnRow(env.dbName, r, i+1, c))
				}
			}
			return out
		},
	}
}

// columnRow is one information_schema.columns row.
func columnRow(db string, r relation, pos int, c relColumn) []any {
	nullable, updatable := "YES", "YES"
	if c.notNull {
		nullable = "NO"
	}
	if r.kind == "v" {
		updatable = "NO"
	}
	charMax, octets := characterLengths(c.typ)
	prec, radix, scale := numericPrecision(c.typ)
	row := []any{db, r.schema, r.name, c.name, pos, c.def, nullable, dataType(c.typ), charMax, octets,
		prec, radix, scale, datetimePrecision(c.typ), nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil,
		db, "pg_catalog", pgTypeOf(c.typ).name, nil, nil, nil, nil, strconv.Itoa(pos),
		"NO", "NO", nil, nil, nil, nil, nil, "NO", "NEVER", nil, updatable}
	return row
}

// dataType is information_schema's data_type: the SQL-standard type name
// without modifiers.
func dataType(t types.T) string {
	return types.T{Family: t.Family}.String()
}

// characterLengths are character_maximum_length and
// character_octet_length (4 bytes per character in UTF8).
func characterLengths(t types.T) (any, any) {
	if !t.IsString() {
		return nil, nil
	}
	if t.Family == types.VarcharFamily && t.Width > 0 {
		return int(t.Width), int(t.Width) * 4
	}
	return nil, 1073741824
}

// numericPrecision is numeric_precision, _radix and numeric_scale.
func numericPrecision(t types.T) (any, any, any) {
	switch t.Family {
	case types.Int2Family:
		return 16, 2, 0
	case types.Int4Family:
		return 32, 2, 0
	case types.Int8Family:
		return 64, 2, 0
	case types.Float4Family:
		return 24, 2, nil
	case types.Float8Family:
		return 53, 2, nil
	case types.NumericFamily:
		if t.Precision > 0 {
			return int(t.Precision), 10, int(t.Scale)
		}
		return nil, 10, nil
	}
	return nil, nil, nil
}

func datetimePrecision(t types.T) any {
	switch t.Family {
	case types.DateFamily:
		return 0
	case types.TimestampFamily, types.TimestampTZFamily:
		return 6
	}
	return nil
}

// columnDefault is a constant DEFAULT as pg_get_expr shows it: a
// non-negative number or a boolean bare, anything else quoted and cast.
func columnDefault(t types.T, text string) string {
	switch {
	case t.Family == types.BoolFamily:
		return text
	case t.IsNumeric() && text != "" && text[0] != '-' && text[0] != 'N' && text[0] != 'I':
		return text
	}
	castTo := dataType(t)
	if _, err := strconv.ParseFloat(text, 64); err == nil && t.IsNumeric() && !strings.ContainsAny(text, "nN") {
		castTo = negativeLiteralType(text)
	}
	return "'" + strings.ReplaceAll(text, "'", "''") + "'::" + castTo
}

// negativeLiteralType is the type PostgreSQL gives a signed numeric
// literal: integer, bigint or numeric.
func negativeLiteralType(text string) string {
	n, err := strconv.ParseInt(text, 10, 64)
	switch {
	case err != nil:
		return "numeric"
	case n >= -1<<31:
		return "integer"
	}
	return "bigint"
}
