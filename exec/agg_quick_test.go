package exec

import (
	"context"
	"fmt"
	"math/big"
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/types"
)

// TestQuickHashAgg checks the hash aggregation's typed groupers and
// aggregators against a naive map-of-rows reference on random keys with
// NULLs and edge values: GROUP BY k, count(*), count(v), sum(v), min(v),
// max(v), in one phase and in two.
func TestQuickHashAgg(t *testing.T) {
	rng := rand.New(rand.NewSource(6))
	keyTypes := []types.T{types.Int2Type, types.Int4Type, types.Int8Type, types.TextType,
		types.DateType, types.TimestampType, types.Float8Type, types.BoolType}
	aggs := []execpb.AggFunc{
		{Func: "count_star", Type: i8},
		{Func: "count", Arg: 1, ArgType: i8, Type: i8},
		{Func: "sum", Arg: 1, ArgType: i8, Type: nu},
		{Func: "min", Arg: 1, ArgType: i8, Type: i8},
		{Func: "max", Arg: 1, ArgType: i8, Type: i8},
	}
	for _, kt := range keyTypes {
		for it := 0; it < 20; it++ {
			ts := []types.T{kt, i8}
			rows := genAggRows(rng, kt, 1+rng.Intn(3000))
			want := refGroupBy(kt, rows)
			for _, phases := range []int{1, 2} {
				node := aggNode(execpb.AggComplete, []int{0}, []types.T{kt}, aggs...)
				if phases == 2 {
					node = twoPhase([]int{0}, []types.T{kt}, aggs...)
				}
				got := runRows(t, ts, rows, 1+rng.Intn(1100), node)
				slices.Sort(got)
				if strings.Join(got, "\n") != strings.Join(want, "\n") {
					t.Fatalf("%s, %d phase(s), %d rows: got %d groups\n%s\nwant %d\n%s", kt, phases, len(rows),
						len(got), strings.Join(got, "\n"), len(want), strings.Join(want, "\n"))
				}
			}
		}
	}
}

// genAggRows returns rows (key of kt, int8 value) over few distinct keys.
func genAggRows(rng *rand.Rand, kt types.T, n int) [][]types.Datum {
	pool := genColumn(rng, kt, 1+rng.Intn(50), true)
	vals := genColumn(rng, types.Int8Type, n, true)
	rows := make([][]types.Datum, n)
	for i := range rows {
		rows[i] = []types.Datum{pool[rng.Intn(len(pool))], vals[i]}
	}
	return rows
}

// refGroupBy computes the expected output rows as text, sorted.
func refGroupBy(kt types.T, rows [][]types.Datum) []string {
	type acc struct {
		key         types.Datum
		star, count int64
		sum         big.Int
		lo, hi      int64
	}
	groups := map[string]*acc{}
	var order []string
	for _, r := range rows {
		k := refKey(kt, r[0])
		a := groups[k]
		if a == nil {
			a = &acc{key: r[0]}
			groups[k] = a
			order = append(order, k)
		}
		a.star++
		v, ok := r[1].(int64)
		if !ok {
			continue
		}
		a.sum.Add(&a.sum, big.NewInt(v))
		if a.count == 0 || v < a.lo {
			a.lo = v
		}
		if a.count == 0 || v > a.hi {
			a.hi = v
		}
		a.count++
	}
	var out []string
	for _, k := range order {
		a := groups[k]
		agg := "NULL|NULL|NULL"
		if a.count > 0 {
			agg = fmt.Sprintf("%s|%d|%d", a.sum.String(), a.lo, a.hi)
		}
		out = append(out, fmt.Sprintf("%s|%d|%d|%s", rowText([]types.T{kt}, []types.Datum{a.key}), a.star, a.count, agg))
	}
	slices.Sort(out)
	return out
}

// refKey is the grouping identity of a key: equal SQL values (0 and -0)
// share one.
func refKey(t types.T, d types.Datum) string {
	if d == nil {
		return "NULL"
	}
	if f, ok := d.(float64); ok && f == 0 {
		d = 0.0
	}
	return "v" + types.FormatText(t, d)
}

// runRows runs node over rows cut into batches of bs rows.
func runRows(t *testing.T, ts []types.T, rows [][]types.Datum, bs int, node func(*execpb.Node) *execpb.Node) []string {
	t.Helper()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	recs := batches(mem, ts, rows, bs)
	defer releaseAll(recs)
	env := &Env{Alloc: mem, Scan: func(context.Context, *execpb.Scan) (Operator, error) {
		return NewRecordSource(Schema(ts, nil), recs), nil
	}}
	got, code := runNode(t, env, node(&execpb.Node{Kind: execpb.NodeScan, Types: ts, Scan: &execpb.Scan{}}))
	if code != "" {
		t.Fatalf("error %s", code)
	}
	return got
}
