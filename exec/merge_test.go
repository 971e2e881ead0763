package exec

import (
	"context"
	"testing"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/types"
)

func TestMerge(t *testing.T) {
	streams := [][][]types.Datum{
		{{int64(1)}, {int64(4)}, {int64(7)}},
		{},
		{{int64(2)}, {int64(3)}, {int64(9)}},
		{{nil}, {int64(5)}},
	}
	for _, ordered := range []bool{false, true} {
		for _, bs := range batchSizes {
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			var all []arrow.Record
			env := &Env{Alloc: mem, Sources: func(context.Context, int) ([]Operator, error) {
				var ops []Operator
				for _, s := range streams {
					recs := batches(mem, []types.T{i8}, s, bs)
					all = append(all, recs...)
					ops = append(ops, NewRecordSource(Schema([]types.T{i8}, nil), recs))
				}
				return ops, nil
			}}
			node := &execpb.Node{Kind: execpb.NodeMerge, Types: []types.T{i8}}
			if ordered {
				node.Ordering = []execpb.Ordering{{Col: 0, NullsFirst: true}}
			}
			got, code := runNode(t, env, node)
			releaseAll(all)
			mem.AssertSize(t, 0)
			if code != "" || len(got) != 8 {
				t.Fatalf("ordered=%v batch=%d: %v %s", ordered, bs, got, code)
			}
			if ordered && (got[0] != "NULL" || got[1] != "1" || got[7] != "9" || got[5] != "5") {
				t.Fatalf("batch=%d: not ordered: %v", bs, got)
			}
		}
	}
}
