package shardrpc

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/quiverdb/quiver/exec"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/shard"
)

// allFamilies has one column of every type family, with modifiers where
// a family takes them.
var allFamilies = []types.T{
	types.BoolType, types.Int2Type, types.Int4Type, types.Int8Type,
	types.Float4Type, types.Float8Type,
	{Family: types.NumericFamily, Precision: 12, Scale: 3},
	types.TextType, {Family: types.VarcharFamily, Width: 20},
	types.DateType, types.TimestampType, types.TimestampTZType,
	types.UnknownType,
}

// cellText is the text of row i of a column of t, or "NULL".
func cellText(t types.T, i, col int, nulls bool) string {
	if t.Family == types.UnknownFamily || (nulls && (i+col)%3 == 0) {
		return "NULL"
	}
	day := time.Date(2024, 1, 1, 3, 4, 5, 123456000, time.UTC).AddDate(0, 0, i)
	switch t.Family {
	case types.BoolFamily:
		return map[bool]string{true: "t", false: "f"}[i%2 == 0]
	case types.Int2Family, types.Int4Family, types.Int8Family:
		return fmt.Sprint(i*7 - 50)
	case types.Float4Family, types.Float8Family:
		return fmt.Sprintf("%d.5", i-3)
	case types.NumericFamily:
		return fmt.Sprintf("%d.%03d", i*1000, i%1000)
	case types.TextFamily:
		return fmt.Sprintf("row é %d", i)
	case types.DateFamily:
		return day.Format("2006-01-02")
	case types.TimestampFamily:
		return day.Format("2006-01-02 15:04:05.999999")
	case types.TimestampTZFamily:
		return day.Format("2006-01-02 15:04:05.999999-07")
	}
	return fmt.Sprintf("v%d", i)
}

// textTable returns n rows of ts as text.
func textTable(ts []types.T, n int, nulls bool) [][]string {
	rows := make([][]string, n)
	for i := range rows {
		rows[i] = make([]string, len(ts))
		for c, t := range ts {
			rows[i][c] = cellText(t, i, c, nulls)
		}
	}
	return rows
}

// batchesOf parses rows into batches of at most size rows.
func batchesOf(t *testing.T, alloc memory.Allocator, ts []types.T, rows [][]string, size int) []arrow.Record {
	t.Helper()
	var recs []arrow.Record
	for start := 0; start < len(rows); start += size {
		end := min(start+size, len(rows))
		datums := make([][]types.Datum, 0, end-start)
		for _, row := range rows[start:end] {
			datums = append(datums, parseRow(t, ts, row))
		}
		recs = append(recs, exec.RecordFromRows(alloc, ts, datums))
	}
	return recs
}

func parseRow(t *testing.T, ts []types.T, row []string) []types.Datum {
	t.Helper()
	out := make([]types.Datum, len(row))
	for c, s := range row {
		if s == "NULL" {
			continue
		}
		d, err := types.ParseText(ts[c], s)
		if err != nil {
			t.Fatalf("parse %q as %s: %v", s, ts[c], err)
		}
		out[c] = d
	}
	return out
}

func TestQueryRoundTrip(t *testing.T) {
	env := newTestEnv(t)
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	names := make([]string, len(allFamilies))
	for i, typ := range allFamilies {
		names[i] = fmt.Sprintf("c_%s", typ)
	}
	frag := &execpb.Node{Kind: execpb.NodeScan, Types: allFamilies, Names: names, Limit: -1,
		Scan: &execpb.Scan{Table: execpb.Table{ID: 7}, Cols: []int{0, 1}}}
	for _, size := range []int{1, 2, 3, 16, 1024} {
		for _, nulls := range []bool{false, true} {
			t.Run(fmt.Sprintf("batch=%d/nulls=%t", size, nulls), func(t *testing.T) {
				want := textTable(allFamilies, 40+size, nulls)
				recs := batchesOf(t, mem, allFamilies, want, size)
				defer func() {
					for _, r := range recs {
						r.Release()
					}
				}()
				var gotShard uint64
				var gotFrag *execpb.Node
				env.svc.query = func(_ context.Context, s uint64, f *execpb.Node) (exec.Operator, error) {
					gotShard, gotFrag = s, f
					return exec.NewRecordSource(exec.Schema(f.Types, f.Names), recs), nil
				}
				op, err := env.client.Query(context.Background(), 42, frag)
				if err != nil {
					t.Fatal(err)
				}
				if got := exec.TypesOf(op.Schema()); !reflect.DeepEqual(got, allFamilies) {
					t.Errorf("schema types = %v, want %v", got, allFamilies)
				}
				if got := op.Schema().Field(3).Name; got != names[3] {
					t.Errorf("field name = %q, want %q", got, names[3])
				}
				got, err := drain(t, context.Background(), op)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("rows differ:\n got %v\nwant %v", got, want)
				}
				if gotShard != 42 || !reflect.DeepEqual(gotFrag, frag) {
					t.Errorf("server got shard %d frag %+v, want 42 %+v", gotShard, gotFrag, frag)
				}
			})
		}
	}
}

func TestQueryEmpty(t *testing.T) {
	env := newTestEnv(t)
	env.svc.query = func(_ context.Context, _ uint64, f *execpb.Node) (exec.Operator, error) {
		return exec.NewRecordSource(exec.Schema(f.Types, f.Names), nil), nil
	}
	frag := &execpb.Node{Kind: execpb.NodeValues, Types: []types.T{types.TextType}, Names: []string{"x"}}
	op, err := env.client.Query(context.Background(), 1, frag)
	if err != nil {
		t.Fatal(err)
	}
	if op.Schema().NumFields() != 1 || op.Schema().Field(0).Name != "x" {
		t.Errorf("schema = %v", op.Schema())
	}
	rows, err := drain(t, context.Background(), op)
	if err != nil || len(rows) != 0 {
		t.Errorf("drain = %v, %v; want no rows", rows, err)
	}
}

// errBoom is a remote error with every field set.
var errBoom = pgerror.WithHint(pgerror.WithDetail(
	pgerror.New(pgerror.DivisionByZero, "division by zero"), "row 3"), "check the divisor")

// sameError fails t unless got carries want's code, message, detail and
// hint.
func sameError(t *testing.T, got, want error) {
	t.Helper()
	if got == nil {
		t.Fatalf("got no error, want %v", want)
	}
	g, w := pgerror.Flatten(got), pgerror.Flatten(want)
	if g.Code != w.Code || g.Message != w.Message || g.Detail != w.Detail || g.Hint != w.Hint {
		t.Errorf("error = %s %q %q %q, want %s %q %q %q",
			g.Code, g.Message, g.Detail, g.Hint, w.Code, w.Message, w.Detail, w.Hint)
	}
}

func TestQueryErrors(t *testing.T) {
	env := newTestEnv(t)
	frag := &execpb.Node{Kind: execpb.NodeValues, Types: []types.T{types.Int8Type}}
	t.Run("query", func(t *testing.T) {
		env.svc.query = func(context.Context, uint64, *execpb.Node) (exec.Operator, error) {
			return nil, errBoom
		}
		_, err := env.client.Query(context.Background(), 1, frag)
		sameError(t, err, errBoom)
	})
	t.Run("open", func(t *testing.T) {
		op := &openFailOp{genOp: newGenOp(memory.DefaultAllocator, 1, 1, nil), err: errBoom}
		env.svc.query = func(context.Context, uint64, *execpb.Node) (exec.Operator, error) { return op, nil }
		_, err := env.client.Query(context.Background(), 1, frag)
		sameError(t, err, errBoom)
		waitClosed(t, op.closed, "operator")
	})
	t.Run("mid-stream", func(t *testing.T) {
		op := newGenOp(memory.DefaultAllocator, 10, 3, errBoom)
		env.svc.query = func(context.Context, uint64, *execpb.Node) (exec.Operator, error) { return op, nil }
		remote, err := env.client.Query(context.Background(), 1, frag)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := drain(t, context.Background(), remote)
		sameError(t, err, errBoom)
		if len(rows) != 30 {
			t.Errorf("got %d rows before the error, want 30", len(rows))
		}
	})
	t.Run("go error", func(t *testing.T) {
		env.svc.query = func(context.Context, uint64, *execpb.Node) (exec.Operator, error) {
			return nil, errors.New("disk on fire")
		}
		_, err := env.client.Query(context.Background(), 1, frag)
		sameError(t, err, pgerror.New(pgerror.InternalError, "disk on fire"))
	})
}

// openFailOp fails its Open.
type openFailOp struct {
	*genOp
	err error
}

func (o *openFailOp) Open(context.Context) error { return o.err }

func TestWrite(t *testing.T) {
	env := newTestEnv(t)
	cmd := &shard.WriteCommand{Ops: []shard.Op{
		{Kind: shard.OpInsert, Key: []byte("k1"), Value: []byte("v1")},
		{Kind: shard.OpPut, Key: []byte("k2"), Value: []byte("v2"), Expect: []byte("old")},
		{Kind: shard.OpDelete, Key: []byte("k3"), Expect: []byte{}},
		{Kind: shard.OpDeleteTable, Table: 9},
	}}
	tests := []struct {
		name string
		err  error
	}{
		{"ok", nil},
		{"duplicate key", &shard.DuplicateKeyError{Op: 3}},
		{"conflict", &shard.ConflictError{Op: 1}},
		{"pgerror", errBoom},
		{"wrapped duplicate", fmt.Errorf("apply: %w", &shard.DuplicateKeyError{Op: 2})},
		{"go error", errors.New("disk on fire")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var gotShard uint64
			var gotCmd *shard.WriteCommand
			env.svc.write = func(_ context.Context, s uint64, c *shard.WriteCommand) error {
				gotShard, gotCmd = s, c
				return tt.err
			}
			err := env.client.Write(context.Background(), 1<<40, cmd)
			if gotShard != 1<<40 || !reflect.DeepEqual(gotCmd, cmd) {
				t.Errorf("server got shard %d cmd %+v", gotShard, gotCmd)
			}
			checkWriteError(t, err, tt.err)
		})
	}
}

// checkWriteError fails t unless got is want as the client must rebuild
// it: nil, the same typed shard error, or the same SQLSTATE fields.
func checkWriteError(t *testing.T, got, want error) {
	t.Helper()
	var wantDup *shard.DuplicateKeyError
	var wantConflict *shard.ConflictError
	switch {
	case want == nil:
		if got != nil {
			t.Errorf("Write = %v, want nil", got)
		}
	case errors.As(want, &wantDup):
		var dup *shard.DuplicateKeyError
		if !errors.As(got, &dup) || dup.Op != wantDup.Op || pgerror.CodeOf(got) != pgerror.UniqueViolation {
			t.Errorf("Write = %#v, want DuplicateKeyError{Op: %d}", got, wantDup.Op)
		}
	case errors.As(want, &wantConflict):
		var conflict *shard.ConflictError
		if !errors.As(got, &conflict) || conflict.Op != wantConflict.Op || pgerror.CodeOf(got) != pgerror.SerializationFailure {
			t.Errorf("Write = %#v, want ConflictError{Op: %d}", got, wantConflict.Op)
		}
	default:
		sameError(t, got, want)
	}
}
