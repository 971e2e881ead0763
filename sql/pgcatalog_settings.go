package sql

import (
	"sort"
	"strconv"
	"strings"
)

// presetSettings are read-only settings pg_settings lists that SHOW does
// not know (pgjdbc reads max_index_keys).
var presetSettings = [][2]string{
	{"max_index_keys", "32"},
	{"max_function_args", "100"},
	{"segment_size", "131072"},
	{"wal_block_size", "8192"},
}

func pgSettingsView() *virtualTable {
	return &virtualTable{
		schema: "pg_catalog", name: "pg_settings", oid: 12104, kind: "v",
		cols: cols("name", textT, "setting", textT, "unit", textT, "category", textT, "short_desc", textT,
			"extra_desc", textT, "context", textT, "vartype", textT, "source", textT, "min_val", textT,
			"max_val", textT, "enumvals", textT, "boot_val", textT, "reset_val", textT, "sourcefile", textT,
			"sourceline", int4T, "pending_restart", boolT),
		rows: settingsRows,
	}
}

// settingsRows lists every session variable with its current value, then
// the preset settings, sorted by name as PostgreSQL does (ignoring case).
func settingsRows(env *catalogEnv) [][]any {
	var out [][]any
	for key, d := range varDefs {
		v, err := env.vars.getVar(key)
		if err != nil {
			continue
		}
		context := "user"
		if d.readOnly {
			context = "internal"
		}
		out = append(out, settingRow(d.name, v, d.def, context))
	}
	for _, p := range presetSettings {
		out = append(out, settingRow(p[0], p[1], p[1], "internal"))
	}
	sort.Slice(out, func(i, j int) bool {
		return strings.ToLower(out[i][0].(string)) < strings.ToLower(out[j][0].(string))
	})
	return out
}

func settingRow(name, value, boot, context string) []any {
	source := "default"
	if value != boot {
		source = "session"
	}
	return []any{name, value, nil, nil, nil,
		nil, context, settingType(boot), source, nil,
		nil, nil, boot, boot, nil,
		nil, false}
}

// settingType is pg_settings.vartype guessed from a default value.
func settingType(v string) string {
	switch {
	case v == "on" || v == "off":
		return "bool"
	case v == "":
		return "string"
	}
	if _, err := strconv.ParseInt(v, 10, 64); err == nil {
		return "integer"
	}
	return "string"
}
