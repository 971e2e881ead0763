package sql

import (
	"strconv"
	"strings"

	"github.com/quiverdb/quiver/internal/pgerror"
)

// varDef describes one session variable.
type varDef struct {
	name       string // PostgreSQL's spelling (SHOW's column name)
	def        string
	reportable bool // sent in ParameterStatus
	readOnly   bool
	// check normalises a new value or rejects it.
	check func(v string) (string, error)
}

// reportOrder is ParameterStatus's order.
var reportOrder = []string{"application_name", "client_encoding", "datestyle", "default_transaction_read_only",
	"in_hot_standby", "integer_datetimes", "intervalstyle", "is_superuser", "server_encoding", "server_version",
	"session_authorization", "standard_conforming_strings", "timezone"}

var varDefs = map[string]*varDef{
	"application_name":                    {name: "application_name", reportable: true},
	"client_encoding":                     {name: "client_encoding", def: "UTF8", reportable: true, check: checkEncoding},
	"datestyle":                           {name: "DateStyle", def: "ISO, MDY", reportable: true, check: checkDateStyle},
	"default_transaction_read_only":       {name: "default_transaction_read_only", def: "off", reportable: true, check: checkBool},
	"in_hot_standby":                      {name: "in_hot_standby", def: "off", reportable: true, readOnly: true},
	"integer_datetimes":                   {name: "integer_datetimes", def: "on", reportable: true, readOnly: true},
	"intervalstyle":                       {name: "IntervalStyle", def: "postgres", reportable: true},
	"is_superuser":                        {name: "is_superuser", def: "on", reportable: true, readOnly: true},
	"server_encoding":                     {name: "server_encoding", def: "UTF8", reportable: true, readOnly: true},
	"server_version":                      {name: "server_version", def: "15.18", reportable: true, readOnly: true},
	"server_version_num":                  {name: "server_version_num", def: "150018", readOnly: true},
	"session_authorization":               {name: "session_authorization", def: "postgres", reportable: true},
	"standard_conforming_strings":         {name: "standard_conforming_strings", def: "on", reportable: true, check: checkOn},
	"timezone":                            {name: "TimeZone", def: "UTC", reportable: true, check: checkTimeZone},
	"search_path":                         {name: "search_path", def: `"$user", public`},
	"extra_float_digits":                  {name: "extra_float_digits", def: "1", check: checkInt},
	"statement_timeout":                   {name: "statement_timeout", def: "0"},
	"lock_timeout":                        {name: "lock_timeout", def: "0"},
	"idle_in_transaction_session_timeout": {name: "idle_in_transaction_session_timeout", def: "0"},
	"transaction_isolation":               {name: "transaction_isolation", def: "read committed"},
	"default_transaction_isolation":       {name: "default_transaction_isolation", def: "read committed"},
	"transaction_read_only":               {name: "transaction_read_only", def: "off"},
	"max_identifier_length":               {name: "max_identifier_length", def: "63", readOnly: true},
	"bytea_output":                        {name: "bytea_output", def: "hex"},
	"client_min_messages":                 {name: "client_min_messages", def: "notice"},
	"work_mem":                            {name: "work_mem", def: "4MB"},
	"lc_messages":                         {name: "lc_messages", def: "C"},
	"lc_monetary":                         {name: "lc_monetary", def: "C"},
	"lc_numeric":                          {name: "lc_numeric", def: "C"},
	"lc_time":                             {name: "lc_time", def: "C"},
	"jit":                                 {name: "jit", def: "off"},
	"row_security":                        {name: "row_security", def: "on"},
	"synchronous_commit":                  {name: "synchronous_commit", def: "on"},
	"escape_string_warning":               {name: "escape_string_warning", def: "on"},
	"max_connections":                     {name: "max_connections", def: "100", readOnly: true},
	"block_size":                          {name: "block_size", def: "8192", readOnly: true},
}

func lookupVar(name string) (*varDef, error) {
	if name == "time zone" {
		name = "timezone"
	}
	d, ok := varDefs[name]
	if !ok {
		return nil, pgerror.Newf(pgerror.UndefinedObject, "unrecognized configuration parameter \"%s\"", name)
	}
	return d, nil
}

func invalidValue(d *varDef, v string) error {
	return pgerror.Newf(pgerror.InvalidParameterValue, "invalid value for parameter \"%s\": \"%s\"", d.name, v)
}

func checkEncoding(v string) (string, error) {
	switch strings.ToUpper(strings.ReplaceAll(v, "-", "")) {
	case "UTF8", "UNICODE":
		return "UTF8", nil
	}
	return "", pgerror.Newf(pgerror.FeatureNotSupported, "client_encoding %s is not supported: only UTF8", v)
}

func checkDateStyle(v string) (string, error) {
	if strings.Contains(strings.ToUpper(v), "ISO") {
		return "ISO, MDY", nil
	}
	return "", pgerror.Newf(pgerror.FeatureNotSupported, "DateStyle %s is not supported: only ISO", v)
}

func checkBool(v string) (string, error) {
	switch strings.ToLower(v) {
	case "on", "true", "yes", "1", "t", "y":
		return "on", nil
	case "off", "false", "no", "0", "f", "n":
		return "off", nil
	}
	return "", pgerror.Newf(pgerror.InvalidParameterValue, "parameter requires a Boolean value")
}

func checkOn(v string) (string, error) {
	b, err := checkBool(v)
	if err == nil && b != "on" {
		return "", pgerror.New(pgerror.FeatureNotSupported, "non-standard string literals are not supported")
	}
	return b, err
}

func checkInt(v string) (string, error) {
	if _, err := strconv.Atoi(v); err != nil {
		return "", pgerror.Newf(pgerror.InvalidParameterValue, "parameter requires an integer value")
	}
	return v, nil
}

// sessionVars holds a session's variable values (lower-case names).
type sessionVars struct {
	vals     map[string]string
	defaults map[string]string
	changed  []string // reportable variables changed since the last drain
}

func newSessionVars(p SessionParams, user string) *sessionVars {
	v := &sessionVars{vals: map[string]string{}, defaults: map[string]string{}}
	for name, d := range varDefs {
		v.defaults[name] = d.def
	}
	v.defaults["session_authorization"] = user
	for k, val := range p {
		name := strings.ToLower(k)
		if d, ok := varDefs[name]; ok && !d.readOnly {
			if d.check != nil {
				var err error
				if val, err = d.check(val); err != nil {
					continue
				}
			}
			v.defaults[name] = val
		}
	}
	return v
}

func (v *sessionVars) get(name string) (string, error) {
	if name == "time zone" {
		name = "timezone"
	}
	if _, err := lookupVar(name); err != nil {
		return "", err
	}
	if val, ok := v.vals[name]; ok {
		return val, nil
	}
	return v.defaults[name], nil
}

func (v *sessionVars) set(name, val string) error {
	if name == "time zone" {
		name = "timezone"
	}
	d, err := lookupVar(name)
	if err != nil {
		return err
	}
	if d.readOnly {
		return pgerror.Newf(pgerror.Code("55P02"), "parameter \"%s\" cannot be changed", d.name)
	}
	if d.check != nil {
		if val, err = d.check(val); err != nil {
			return err
		}
	}
	v.vals[name] = val
	if d.reportable {
		v.changed = append(v.changed, name)
	}
	return nil
}

func (v *sessionVars) reset(name string) error {
	if name == "time zone" {
		name = "timezone"
	}
	d, err := lookupVar(name)
	if err != nil {
		return err
	}
	delete(v.vals, name)
	if d.reportable {
		v.changed = append(v.changed, name)
	}
	return nil
}

func (v *sessionVars) resetAll() {
	for name := range v.vals {
		if varDefs[name].reportable {
			v.changed = append(v.changed, name)
		}
	}
	v.vals = map[string]string{}
}

// drainChanged returns the reportable variables changed since the last
// call, with their values, and forgets them.
func (v *sessionVars) drainChanged() [][2]string {
	seen := map[string]bool{}
	var out [][2]string
	for _, name := range v.changed {
		if seen[name] {
			continue
		}
		seen[name] = true
		val, _ := v.get(name)
		out = append(out, [2]string{varDefs[name].name, val})
	}
	v.changed = nil
	return out
}

// showName is the column name SHOW uses for name.
func showName(name string) string {
	if d, err := lookupVar(name); err == nil {
		return d.name
	}
	return name
}
