package exec

import (
	"testing"

	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/types"
)

func TestMerge(t *testing.T) {
	streams := [][][]string{
		{{"1", "a"}, {"4", "b"}, {"7", "NULL"}},
		{},
		{{"2", "c"}, {"3", "d"}, {"9", "e"}},
		{{"NULL", "f"}, {"5", "g"}},
	}
	ts := []types.T{i8, tx}
	merge := func(ord []execpb.Ordering) func(*execpb.Node) *execpb.Node {
		return func(*execpb.Node) *execpb.Node {
			return &execpb.Node{Kind: execpb.NodeMerge, Types: ts, Ordering: ord}
		}
	}
	all := []string{"NULL|f", "1|a", "2|c", "3|d", "4|b", "5|g", "7|NULL", "9|e"}
	RunTests(t, []opTest{
		{name: "unordered", in: ts, sources: streams, want: all, node: merge(nil)},
		{name: "ordered", in: ts, sources: streams, want: all, ordered: true,
			node: merge([]execpb.Ordering{{Col: 0, NullsFirst: true}})},
		{name: "ordered-desc", in: ts, sources: [][][]string{
			{{"9", "a"}, {"3", "b"}, {"NULL", "c"}}, {{"8", "d"}, {"8", "e"}}},
			want: []string{"9|a", "8|d", "8|e", "3|b", "NULL|c"}, ordered: true,
			node: merge([]execpb.Ordering{{Col: 0, Desc: true}})},
	})
}
