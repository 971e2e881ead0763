package sql

import "github.com/quiverdb/quiver/internal/types"

// showAllStmt is SHOW ALL: every setting with its current value, as
// pg_settings lists them, sorted by name.
type showAllStmt struct{}

func (*showAllStmt) columns() []Column {
	return []Column{{Name: "name", Type: types.TextType}, {Name: "setting", Type: types.TextType}, {Name: "description", Type: types.TextType}}
}

func (s *Session) runShowAll(w ResultWriter) error {
	settings := settingsRows(&catalogEnv{vars: s})
	rows := make([][]types.Datum, len(settings))
	for i, r := range settings {
		// Quiver keeps no descriptions of its settings (PostgreSQL's
		// short_desc): the column is empty text, never NULL.
		rows[i] = []types.Datum{r[0], r[1], ""}
	}
	rec := recordOf([]types.T{types.TextType, types.TextType, types.TextType}, rows)
	defer rec.Release()
	return w.Batch(rec)
}
