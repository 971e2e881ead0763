package shardrpc

import (
	"context"
	"reflect"
	"testing"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/quiverdb/quiver/exec"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
)

func TestRelabel(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	rec := int8Batch(mem, 0, 4) // one int64 column named "n"
	defer rec.Release()
	tests := []struct {
		name   string
		schema *arrow.Schema
		ok     bool
	}{
		{"renamed", exec.Schema([]types.T{types.Int8Type}, []string{"total"}), true},
		{"no metadata", arrow.NewSchema([]arrow.Field{{Name: "n", Type: arrow.PrimitiveTypes.Int64}}, nil), true},
		{"other type", exec.Schema([]types.T{types.Int4Type}, nil), false},
		{"more columns", exec.Schema([]types.T{types.Int8Type, types.Int8Type}, nil), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := relabel(tt.schema, rec)
			if !tt.ok {
				if pgerror.CodeOf(err) != pgerror.InternalError {
					t.Errorf("relabel = %v, want XX000", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer got.Release()
			if !got.Schema().Equal(tt.schema) || got.NumRows() != 4 || got.Column(0) != rec.Column(0) {
				t.Errorf("relabel = %v", got)
			}
		})
	}
}

// TestQueryRelabels serves batches whose schema lacks the names and type
// metadata of the operator's Schema: the client sees the operator's.
func TestQueryRelabels(t *testing.T) {
	env := newTestEnv(t)
	numeric := types.T{Family: types.NumericFamily, Precision: 9, Scale: 2}
	want := exec.Schema([]types.T{numeric}, []string{"price"})
	rec := exec.RecordFromRows(memory.DefaultAllocator, []types.T{types.TextType},
		[][]types.Datum{{"1.50"}, {nil}})
	defer rec.Release()
	env.svc.query = func(context.Context, uint64, *execpb.Node) (exec.Operator, error) {
		return exec.NewRecordSource(want, []arrow.Record{rec}), nil
	}
	op, err := env.client.Query(context.Background(), 1, int8Frag)
	if err != nil {
		t.Fatal(err)
	}
	if !op.Schema().Equal(want) {
		t.Errorf("schema = %v, want %v", op.Schema(), want)
	}
	rows, err := drain(t, context.Background(), op)
	if err != nil {
		t.Fatal(err)
	}
	if wantRows := [][]string{{"1.50"}, {"NULL"}}; !reflect.DeepEqual(rows, wantRows) {
		t.Errorf("rows = %v, want %v", rows, wantRows)
	}
}

// TestQueryBadBatch serves a batch of the wrong type: the client gets an
// internal error, not a broken stream.
func TestQueryBadBatch(t *testing.T) {
	env := newTestEnv(t)
	rec := int8Batch(memory.DefaultAllocator, 0, 3)
	defer rec.Release()
	env.svc.query = func(context.Context, uint64, *execpb.Node) (exec.Operator, error) {
		return exec.NewRecordSource(exec.Schema([]types.T{types.BoolType}, nil), []arrow.Record{rec}), nil
	}
	op, err := env.client.Query(context.Background(), 1, int8Frag)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := drain(t, context.Background(), op); pgerror.CodeOf(err) != pgerror.InternalError {
		t.Errorf("drain = %v, want XX000", err)
	}
}

// gatedOp is a genOp whose Next waits for gate.
type gatedOp struct {
	*genOp
	gate chan struct{}
}

func (g *gatedOp) Next(ctx context.Context) (arrow.Record, error) {
	select {
	case <-g.gate:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return g.genOp.Next(ctx)
}

// TestQuerySchemaFirst checks that Query returns with the schema before
// the remote operator produced its first batch.
func TestQuerySchemaFirst(t *testing.T) {
	env := newTestEnv(t)
	op := &gatedOp{genOp: newGenOp(memory.DefaultAllocator, 5, 2, nil), gate: make(chan struct{})}
	env.svc.query = func(context.Context, uint64, *execpb.Node) (exec.Operator, error) { return op, nil }
	remote, err := env.client.Query(context.Background(), 1, int8Frag)
	if err != nil {
		t.Fatal(err)
	}
	if !remote.Schema().Equal(int8Schema) {
		t.Errorf("schema = %v", remote.Schema())
	}
	close(op.gate)
	rows, err := drain(t, context.Background(), remote)
	if err != nil || len(rows) != 10 {
		t.Errorf("drain = %d rows, %v; want 10 rows", len(rows), err)
	}
}
