package pgwire

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/jackc/pgproto3/v2"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/sql"
)

// randomRecord builds a record of the given types with random values and
// about 10% NULLs, and returns the values as datums too.
func randomRecord(t testing.TB, rng *rand.Rand, ts []types.T, rows int) (arrow.Record, [][]types.Datum) {
	fields := make([]arrow.Field, len(ts))
	for i, typ := range ts {
		fields[i] = arrow.Field{Name: fmt.Sprint("c", i), Type: typ.ArrowType(), Nullable: true}
	}
	b := array.NewRecordBuilder(memory.DefaultAllocator, arrow.NewSchema(fields, nil))
	defer b.Release()
	data := make([][]types.Datum, rows)
	for r := range rows {
		data[r] = make([]types.Datum, len(ts))
		for i, typ := range ts {
			d := randomDatum(rng, typ)
			data[r][i] = d
			types.AppendDatum(b.Field(i), typ, d)
		}
	}
	return b.NewRecord(), data
}

func randomDatum(rng *rand.Rand, t types.T) types.Datum {
	if rng.IntN(10) == 0 {
		return nil
	}
	switch t.Family {
	case types.Int8Family:
		return rng.Int64() - rng.Int64()
	case types.Int4Family:
		return int64(int32(rng.Uint32()))
	case types.Int2Family:
		return int64(int16(rng.Uint32()))
	case types.Float8Family:
		return rng.NormFloat64() * 1e6
	case types.BoolFamily:
		return rng.IntN(2) == 0
	}
	return fmt.Sprintf("s%d\t'\"", rng.Int())
}

var allFastTypes = []types.T{types.Int8Type, types.Int4Type, types.Int2Type, types.TextType,
	types.VarcharType, types.BoolType, types.Float8Type}

// encodeRows runs a rowEncoder over rec and decodes the DataRows back.
func encodeRows(t *testing.T, ts []types.T, formats []int16, rec arrow.Record) [][][]byte {
	cols := make([]sql.Column, len(ts))
	for i, typ := range ts {
		cols[i] = sql.Column{Name: "c", Type: typ}
	}
	var out bytes.Buffer
	w := newMsgWriter(&out)
	var enc rowEncoder
	enc.reset(cols, formats)
	if err := enc.writeBatch(w, rec); err != nil {
		t.Fatal(err)
	}
	if err := w.flush(); err != nil {
		t.Fatal(err)
	}
	var rows [][][]byte
	fe := pgproto3.NewFrontend(pgproto3.NewChunkReader(&out), nil)
	for range rec.NumRows() {
		msg, err := fe.Receive()
		if err != nil {
			t.Fatal(err)
		}
		dr := msg.(*pgproto3.DataRow)
		vals := make([][]byte, len(dr.Values))
		for i, v := range dr.Values {
			if v != nil {
				vals[i] = append([]byte{}, v...)
			}
		}
		rows = append(rows, vals)
	}
	return rows
}

// TestRowEncoderText checks the text fast paths against types.AppendText.
func TestRowEncoderText(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	rec, data := randomRecord(t, rng, allFastTypes, 500)
	defer rec.Release()
	rows := encodeRows(t, allFastTypes, make([]int16, len(allFastTypes)), rec)
	if len(rows) != len(data) {
		t.Fatalf("got %d rows, want %d", len(rows), len(data))
	}
	for r, row := range data {
		for i, d := range row {
			got := rows[r][i]
			if d == nil {
				if got != nil {
					t.Fatalf("row %d col %d: got %q, want NULL", r, i, got)
				}
				continue
			}
			if want := types.AppendText(nil, allFastTypes[i], d); !bytes.Equal(got, want) {
				t.Fatalf("row %d col %d (%s): got %q, want %q", r, i, allFastTypes[i], got, want)
			}
		}
	}
}

// TestRowEncoderBinary decodes the binary fast paths with pgx's pgtype.
func TestRowEncoderBinary(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	rec, data := randomRecord(t, rng, allFastTypes, 500)
	defer rec.Release()
	formats := []int16{1, 1, 1, 1, 1, 1, 1}
	rows := encodeRows(t, allFastTypes, formats, rec)
	m := pgtype.NewMap()
	for r, row := range data {
		for i, d := range row {
			got := rows[r][i]
			if d == nil {
				if got != nil {
					t.Fatalf("row %d col %d: got %x, want NULL", r, i, got)
				}
				continue
			}
			var v any
			if err := m.Scan(allFastTypes[i].Oid(), pgtype.BinaryFormatCode, got, &v); err != nil {
				t.Fatalf("row %d col %d: %v", r, i, err)
			}
			if fmt.Sprint(normalize(v)) != fmt.Sprint(d) {
				t.Fatalf("row %d col %d: got %v, want %v", r, i, v, d)
			}
		}
	}
}

// normalize turns pgtype's scanned values into datums.
func normalize(v any) any {
	switch x := v.(type) {
	case int16:
		return int64(x)
	case int32:
		return int64(x)
	}
	return v
}

func BenchmarkRowEncoder(b *testing.B) {
	for _, typ := range []types.T{types.Int8Type, types.Int4Type, types.TextType, types.Float8Type} {
		for _, format := range []int16{formatText, formatBinary} {
			b.Run(fmt.Sprintf("type=%s/format=%d", typ, format), func(b *testing.B) {
				rng := rand.New(rand.NewPCG(5, 6))
				ts := []types.T{typ, typ}
				rec, _ := randomRecord(b, rng, ts, 1024)
				defer rec.Release()
				var enc rowEncoder
				enc.reset([]sql.Column{{Type: typ}, {Type: typ}}, []int16{format, format})
				w := newMsgWriter(discard{})
				b.ReportAllocs()
				for b.Loop() {
					if err := enc.writeBatch(w, rec); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
