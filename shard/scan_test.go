package shard

import (
	"context"
	"io"
	"math/rand"
	"testing"

	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/cockroachdb/apd/v3"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/storage"
)

var numeric102 = types.T{Family: types.NumericFamily, Precision: 10, Scale: 2}

// wideTable has a three-column key and a value column of every type.
var wideTable = execpb.Table{
	ID: 4,
	Columns: []execpb.Column{
		{ID: 1, Name: "a", Type: types.Int4Type},
		{ID: 2, Name: "b", Type: types.TextType},
		{ID: 3, Name: "c", Type: numeric102},
		{ID: 4, Name: "bo", Type: types.BoolType},
		{ID: 5, Name: "i2", Type: types.Int2Type},
		{ID: 6, Name: "f4", Type: types.Float4Type},
		{ID: 7, Name: "f8", Type: types.Float8Type},
		{ID: 8, Name: "d", Type: types.DateType},
		{ID: 9, Name: "ts", Type: types.TimestampTZType},
		{ID: 10, Name: "vc", Type: types.T{Family: types.VarcharFamily, Width: 5}},
		{ID: 11, Name: "n", Type: types.NumericType},
		{ID: 12, Name: "i8", Type: types.Int8Type},
	},
	Key: []int{0, 1, 2},
}

func decimal(t testing.TB, s string) *apd.Decimal {
	d, _, err := apd.NewFromString(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func randWideRow(t testing.TB, rng *rand.Rand, i int) []types.Datum {
	row := []types.Datum{
		int64(i - 50), string([]byte{'k', byte(i), 0, 'x'}), decimal(t, "12.50"),
		rng.Intn(2) == 0, int64(rng.Intn(100) - 50), float64(float32(rng.Float64())), rng.NormFloat64(),
		types.Date(rng.Intn(40000) - 20000), types.Timestamp(rng.Int63n(1 << 50)), "abc",
		decimal(t, "-3.1400"), rng.Int63(),
	}
	for c := 3; c < len(row); c++ {
		if rng.Intn(5) == 0 {
			row[c] = nil
		}
	}
	return row
}

func writeWideRows(t testing.TB, eng *storage.Engine, shard uint64, rows [][]types.Datum) {
	ts := make([]types.T, len(wideTable.Columns))
	ids := make([]uint32, len(wideTable.Columns))
	for i, c := range wideTable.Columns {
		ts[i], ids[i] = c.Type, c.ID
	}
	b := eng.NewBatch()
	defer b.Close()
	for _, row := range rows {
		key, err := storage.EncodeKey(nil, wideTable.ID, storage.PrimaryIndexID, row[:3], ts[:3])
		if err != nil {
			t.Fatal(err)
		}
		val, err := storage.EncodeValue(nil, ids[3:], row[3:], ts[3:])
		if err != nil {
			t.Fatal(err)
		}
		if err := b.Set(storage.DataKey(nil, shard, key), val); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Commit(false); err != nil {
		t.Fatal(err)
	}
}

// TestScanDecodesEveryType scans rows of every type, in a column order
// that skips, reorders and repeats columns, across several batches, and
// compares each cell with the datum written.
func TestScanDecodesEveryType(t *testing.T) {
	eng, err := storage.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	rng := rand.New(rand.NewSource(5))
	const n = 2500
	rows := make([][]types.Datum, n)
	for i := range rows {
		rows[i] = randWideRow(t, rng, i)
	}
	writeWideRows(t, eng, 2, rows)
	writeWideRows(t, eng, 3, rows[:10]) // another shard: not scanned

	cols := []int{11, 2, 1, 4, 3, 5, 6, 7, 8, 9, 10, 11, 1}
	snap := eng.NewSnapshot()
	defer snap.Close()
	mem := memory.NewCheckedAllocator(memory.DefaultAllocator)
	defer mem.AssertSize(t, 0)
	op, err := newScan(snap, 2, &execpb.Scan{Table: wideTable, Cols: cols}, mem)
	if err != nil {
		t.Fatal(err)
	}
	defer op.Close()
	ctx := context.Background()
	if err := op.Open(ctx); err != nil {
		t.Fatal(err)
	}
	got := 0
	for {
		rec, err := op.Next(ctx)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		for r := 0; r < int(rec.NumRows()); r++ {
			want := rows[got] // keys a = i-50 sort in insertion order
			for out, c := range cols {
				typ := wideTable.Columns[c].Type
				cell := types.DatumAt(rec.Column(out), typ, r)
				if !sameCell(typ, cell, want[c]) {
					t.Fatalf("row %d column %s: got %v, want %v", got, wideTable.Columns[c].Name, cell, want[c])
				}
			}
			got++
		}
	}
	if got != n {
		t.Fatalf("scanned %d rows, want %d", got, n)
	}
}

func sameCell(typ types.T, a, b types.Datum) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	if typ.Family == types.NumericFamily {
		return a.(*apd.Decimal).Text('f') == b.(*apd.Decimal).Text('f')
	}
	return types.Compare(typ, a, b) == 0
}

func TestScanPoint(t *testing.T) {
	eng, err := storage.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	rng := rand.New(rand.NewSource(6))
	rows := [][]types.Datum{randWideRow(t, rng, 60), randWideRow(t, rng, 61)}
	writeWideRows(t, eng, 2, rows)
	snap := eng.NewSnapshot()
	defer snap.Close()
	point := func(a, b, c string) []*execpb.Expr {
		return []*execpb.Expr{
			{Kind: execpb.ExprConst, Type: types.Int4Type, Text: a},
			{Kind: execpb.ExprConst, Type: types.TextType, Text: b},
			{Kind: execpb.ExprConst, Type: numeric102, Text: c},
		}
	}
	spec := &execpb.Scan{Table: wideTable, Cols: []int{11, 0}, Point: point("11", "nope", "12.5")}
	if out := runScan(t, snap, 2, spec); out != "(no rows)\n" {
		t.Fatalf("unexpected row: %s", out)
	}
	spec.Point = point("11", string(rows[1][1].(string)), "12.5")
	if out := runScan(t, snap, 2, spec); out == "(no rows)\n" {
		t.Fatal("point scan missed the row")
	}
}
