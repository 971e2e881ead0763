package sql

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/planner"
	"github.com/quiverdb/quiver/shard"
	"github.com/quiverdb/quiver/storage"
)

// encodedRow is one row ready to write.
type encodedRow struct {
	key, value []byte
	row        []types.Datum
}

func (s *Session) runInsert(ctx context.Context, st *insertStmt, params []types.Datum) (int64, error) {
	t := st.table
	var rows []encodedRow
	seen := map[string]bool{}
	for i, exprs := range st.rows {
		vals, err := insertValues(ctx, st, i, exprs, params)
		if err != nil {
			return 0, err
		}
		for i, c := range t.Columns {
			if c.Hidden {
				vals[i] = s.srv.rowid.nextID()
			}
		}
		if err := checkNotNull(t, vals); err != nil {
			return 0, err
		}
		er, err := encodeRow(t, vals)
		if err != nil {
			return 0, err
		}
		if seen[string(er.key)] {
			return 0, duplicateKey(t, vals)
		}
		seen[string(er.key)] = true
		rows = append(rows, er)
	}
	w := newWriteSet(s.srv.cfg.Meta.State())
	for _, r := range rows {
		w.add(shard.Op{Kind: shard.OpInsert, Key: r.key, Value: r.value}, r.row)
	}
	if err := w.send(ctx, s.srv.cfg.Shards, t); err != nil {
		return 0, err
	}
	return int64(len(rows)), nil
}

// insertValues returns the values of row i: a copy of the values computed
// at bind time, or the row's expressions evaluated with params.
func insertValues(ctx context.Context, st *insertStmt, i int, exprs []*execpb.Expr, params []types.Datum) ([]types.Datum, error) {
	if st.consts[i] != nil {
		return append([]types.Datum(nil), st.consts[i]...), nil
	}
	return evalRow(ctx, exprsCopy(exprs), params)
}

func exprsCopy[T any](in []T) []T { return append([]T(nil), in...) }

// checkNotNull fails with 23502 on a NULL in a NOT NULL column.
func checkNotNull(t *planner.Table, vals []types.Datum) error {
	for i, c := range t.Columns {
		if c.NotNull && vals[i] == nil {
			err := pgerror.Newf(pgerror.NotNullViolation, "null value in column \"%s\" of relation \"%s\" violates not-null constraint", c.Name, t.Name)
			return pgerror.WithDetail(err, "Failing row contains ("+rowText(t, vals)+").")
		}
	}
	return nil
}

// rowText renders the visible columns of a row as PostgreSQL's error
// details do.
func rowText(t *planner.Table, vals []types.Datum) string {
	var parts []string
	for i, c := range t.Columns {
		if c.Hidden {
			continue
		}
		parts = append(parts, datumText(c.Type, vals[i]))
	}
	return strings.Join(parts, ", ")
}

func datumText(t types.T, d types.Datum) string {
	if d == nil {
		return "null"
	}
	return types.FormatText(t, d)
}

// duplicateKey is PostgreSQL's 23505 for the row vals of t.
func duplicateKey(t *planner.Table, vals []types.Datum) error {
	names := make([]string, len(t.Key))
	keyVals := make([]string, len(t.Key))
	for i, k := range t.Key {
		names[i] = t.Columns[k].Name
		keyVals[i] = datumText(t.Columns[k].Type, vals[k])
	}
	err := pgerror.Newf(pgerror.UniqueViolation, "duplicate key value violates unique constraint \"%s_pkey\"", t.Name)
	return pgerror.WithDetail(err, "Key ("+strings.Join(names, ", ")+")=("+strings.Join(keyVals, ", ")+") already exists.")
}

// encodeRow encodes a full row (every stored column) as key and value.
func encodeRow(t *planner.Table, vals []types.Datum) (encodedRow, error) {
	if err := fitWidths(t, vals); err != nil {
		return encodedRow{}, err
	}
	keyVals := make([]types.Datum, len(t.Key))
	keyTypes := make([]types.T, len(t.Key))
	for i, k := range t.Key {
		keyVals[i], keyTypes[i] = vals[k], t.Columns[k].Type
	}
	key, err := storage.EncodeKey(nil, t.ID, storage.PrimaryIndexID, keyVals, keyTypes)
	if err != nil {
		return encodedRow{}, err
	}
	var ids []uint32
	var vs []types.Datum
	var ts []types.T
	for i, c := range t.Columns {
		if !t.IsKey(i) {
			ids, vs, ts = append(ids, c.ID), append(vs, vals[i]), append(ts, c.Type)
		}
	}
	value, err := storage.EncodeValue(nil, ids, vs, ts)
	if value == nil {
		value = []byte{}
	}
	return encodedRow{key: key, value: value, row: vals}, err
}

// fitWidths applies varchar(n) lengths to vals in place: 22001 for a
// longer value, unless only spaces are cut.
func fitWidths(t *planner.Table, vals []types.Datum) error {
	for i, c := range t.Columns {
		s, ok := vals[i].(string)
		if !ok || c.Type.Family != types.VarcharFamily || c.Type.Width <= 0 || len(s) <= int(c.Type.Width) {
			continue
		}
		if utf8.RuneCountInString(s) <= int(c.Type.Width) {
			continue
		}
		d, err := types.ParseText(c.Type, s)
		if err != nil {
			return err
		}
		vals[i] = d
	}
	return nil
}
