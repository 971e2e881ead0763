package exec

import (
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/types"
)

// TestQuickSort checks Sort and TopN (radix and comparator paths) against
// a stable sort of datums by types.Compare, on random keys with NULLs and
// edge values, one or two keys, every direction and NULL placement.
func TestQuickSort(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	keyTypes := []types.T{types.Int2Type, types.Int4Type, types.Int8Type, types.Float4Type,
		types.Float8Type, types.TextType, types.DateType, types.TimestampType, types.BoolType, nu}
	for it := 0; it < 150; it++ {
		ts := []types.T{keyTypes[rng.Intn(len(keyTypes))], keyTypes[rng.Intn(len(keyTypes))], i8}
		n := rng.Intn(2500)
		cols := [][]types.Datum{genColumn(rng, ts[0], n, rng.Intn(3) != 0), genColumn(rng, ts[1], n, true), nil}
		rows := make([][]types.Datum, n)
		for i := range rows {
			rows[i] = []types.Datum{cols[0][i], cols[1][i], int64(i)}
		}
		ord := []execpb.Ordering{{Col: 0, Desc: rng.Intn(2) == 0, NullsFirst: rng.Intn(2) == 0}}
		if rng.Intn(2) == 0 {
			ord = append(ord, execpb.Ordering{Col: 1, Desc: rng.Intn(2) == 0, NullsFirst: rng.Intn(2) == 0})
		}
		want := refSort(ts, rows, ord)
		limit := int64(rng.Intn(n + 2))
		node := func(s *execpb.Node) *execpb.Node {
			return &execpb.Node{Kind: execpb.NodeSort, Input: s, Ordering: ord}
		}
		topN := func(s *execpb.Node) *execpb.Node {
			return &execpb.Node{Kind: execpb.NodeTopN, Input: s, Ordering: ord, Limit: limit}
		}
		bs := 1 + rng.Intn(1100)
		if got := runRows(t, ts, rows, bs, node); !slices.Equal(got, want) {
			t.Fatalf("sort %v by %+v: got\n%s\nwant\n%s", ts, ord, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if got := runRows(t, ts, rows, bs, topN); !slices.Equal(got, want[:min(int(limit), n)]) {
			t.Fatalf("top %d of %v by %+v: got\n%s", limit, ts, ord, strings.Join(got, "\n"))
		}
	}
}

func refSort(ts []types.T, rows [][]types.Datum, ord []execpb.Ordering) []string {
	sorted := slices.Clone(rows)
	slices.SortStableFunc(sorted, func(a, b []types.Datum) int {
		for _, o := range ord {
			if c := refCompareKey(ts[o.Col], o, a[o.Col], b[o.Col]); c != 0 {
				return c
			}
		}
		return 0
	})
	out := make([]string, len(sorted))
	for i, r := range sorted {
		out[i] = rowText(ts, r)
	}
	return out
}

func refCompareKey(t types.T, o execpb.Ordering, a, b types.Datum) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil || b == nil:
		if (a == nil) == o.NullsFirst {
			return -1
		}
		return 1
	}
	c := types.Compare(t, a, b)
	if o.Desc {
		c = -c
	}
	return c
}
