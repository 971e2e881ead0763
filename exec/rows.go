package exec

import (
	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/quiverdb/quiver/internal/types"
)

// RecordFromRows builds one record of rows (each a slice of datums of
// ts, nil for NULL) with the schema Schema(ts, nil).
func RecordFromRows(alloc memory.Allocator, ts []types.T, rows [][]types.Datum) arrow.Record {
	return recordFromRows(alloc, Schema(ts, nil), ts, rows)
}

func recordFromRows(alloc memory.Allocator, schema *arrow.Schema, ts []types.T, rows [][]types.Datum) arrow.Record {
	cols := make([]arrow.Array, len(ts))
	for c, t := range ts {
		b := array.NewBuilder(alloc, t.ArrowType())
		b.Reserve(len(rows))
		for _, row := range rows {
			types.AppendDatum(b, t, row[c])
		}
		cols[c] = b.NewArray()
		b.Release()
	}
	return newRecord(schema, cols, len(rows))
}

// newRecord builds a record of cols and releases them: the record holds
// the only reference.
func newRecord(schema *arrow.Schema, cols []arrow.Array, n int) arrow.Record {
	rec := array.NewRecord(schema, cols, int64(n))
	for _, c := range cols {
		c.Release()
	}
	return rec
}

// RowsFromRecord returns rec's rows as datums of ts (nil for NULL).
func RowsFromRecord(rec arrow.Record, ts []types.T) [][]types.Datum {
	n := int(rec.NumRows())
	rows := make([][]types.Datum, n)
	flat := make([]types.Datum, n*len(ts))
	for r := range rows {
		rows[r] = flat[r*len(ts) : (r+1)*len(ts) : (r+1)*len(ts)]
	}
	for c, t := range ts {
		col := rec.Column(c)
		for r := 0; r < n; r++ {
			rows[r][c] = types.DatumAt(col, t, r)
		}
	}
	return rows
}
