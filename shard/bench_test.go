package shard

import (
	"context"
	"io"
	"testing"

	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/storage"
)

// benchTable is k bigint primary key, v bigint, f double precision.
var benchTable = execpb.Table{
	ID: 3,
	Columns: []execpb.Column{
		{ID: 1, Name: "k", Type: types.Int8Type},
		{ID: 2, Name: "v", Type: types.Int8Type},
		{ID: 3, Name: "f", Type: types.Float8Type},
	},
	Key: []int{0},
}

func benchRow(tb testing.TB, k int64) (key, value []byte) {
	key, err := storage.EncodeKey(nil, benchTable.ID, storage.PrimaryIndexID, []types.Datum{k}, []types.T{types.Int8Type})
	if err != nil {
		tb.Fatal(err)
	}
	value, err = storage.EncodeValue(nil, []uint32{2, 3}, []types.Datum{k * 7, float64(k) / 3},
		[]types.T{types.Int8Type, types.Float8Type})
	if err != nil {
		tb.Fatal(err)
	}
	return key, value
}

func insertCommand(tb testing.TB, first, n int64) []byte {
	cmd := WriteCommand{Ops: make([]Op, n)}
	for i := range n {
		key, value := benchRow(tb, first+i)
		cmd.Ops[i] = Op{Kind: OpInsert, Key: key, Value: value}
	}
	return EncodeCommand(nil, &cmd)
}

// BenchmarkApplyInsert applies 1,000-row insert commands as Update does:
// decode, apply, commit without sync.
func BenchmarkApplyInsert(b *testing.B) {
	const rows = 1000
	eng, err := storage.Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer eng.Close()
	var cmds [][]byte
	for i := range 64 {
		cmds = append(cmds, insertCommand(b, int64(i*rows), rows))
	}
	s := &stateMachine{eng: eng, shard: 1}
	b.ReportAllocs()
	b.SetBytes(int64(len(cmds[0])))
	index := uint64(0)
	for b.Loop() {
		index++
		if index > uint64(len(cmds)) {
			b.StopTimer()
			batch := eng.NewBatch()
			start, end := storage.ShardDataSpan(1)
			_ = batch.DeleteRange(start, end)
			_ = batch.Commit(false)
			batch.Close()
			index = 1
			b.StartTimer()
		}
		e := entry(index, cmds[index-1])
		if _, err := s.Update(e); err != nil {
			b.Fatal(err)
		}
		if decodeResult(e[0].Result).kind != resultOK {
			b.Fatalf("insert failed: %+v", decodeResult(e[0].Result))
		}
	}
	b.ReportMetric(float64(b.N*rows)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkScanDecode scans 1M rows of a shard into Arrow batches.
func BenchmarkScanDecode(b *testing.B) {
	const rows = 1 << 20
	eng, err := storage.Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer eng.Close()
	s := &stateMachine{eng: eng, shard: 1}
	for i := int64(0); i < rows; i += 8192 {
		if _, err := s.Update(entry(uint64(i/8192+1), insertCommand(b, i, 8192))); err != nil {
			b.Fatal(err)
		}
	}
	if err := eng.Flush(); err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		cols []int
	}{{"cols=k,v,f", []int{0, 1, 2}}, {"cols=v", []int{1}}} {
		b.Run(bc.name, func(b *testing.B) {
			spec := &execpb.Scan{Table: benchTable, Cols: bc.cols}
			b.ReportAllocs()
			for b.Loop() {
				if n := scanAll(b, eng, spec); n != rows {
					b.Fatalf("scanned %d rows", n)
				}
			}
			b.ReportMetric(float64(b.N*rows)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

func scanAll(b *testing.B, eng *storage.Engine, spec *execpb.Scan) int {
	snap := eng.NewSnapshot()
	defer snap.Close()
	op, err := newScan(snap, 1, spec, memory.DefaultAllocator)
	if err != nil {
		b.Fatal(err)
	}
	defer op.Close()
	ctx := context.Background()
	if err := op.Open(ctx); err != nil {
		b.Fatal(err)
	}
	n := 0
	for {
		rec, err := op.Next(ctx)
		if err == io.EOF {
			return n
		}
		if err != nil {
			b.Fatal(err)
		}
		n += int(rec.NumRows())
	}
}
