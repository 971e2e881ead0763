package exec

import (
	"testing"

	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/types"
)

var (
	tIn   = []types.T{i4, tx, i8}
	tRows = [][]string{
		{"1", "a", "10"}, {"2", "b", "NULL"}, {"3", "NULL", "30"},
		{"NULL", "a", "40"}, {"2", "a", "-5"}, {"5", "c", "0"},
	}
)

func filterNode(pred *execpb.Expr) func(*execpb.Node) *execpb.Node {
	return func(s *execpb.Node) *execpb.Node {
		return &execpb.Node{Kind: execpb.NodeFilter, Types: tIn, Input: s, Filter: pred}
	}
}

func projectNode(ts []types.T, exprs ...*execpb.Expr) func(*execpb.Node) *execpb.Node {
	return func(s *execpb.Node) *execpb.Node {
		return &execpb.Node{Kind: execpb.NodeProject, Types: ts, Input: s, Exprs: exprs}
	}
}

func TestFilterProject(t *testing.T) {
	RunTests(t, []opTest{
		{name: "gt", in: tIn, rows: tRows,
			node: filterNode(op(">", bo, col(0, i4), cnst(i4, "1"))),
			want: []string{"2|b|NULL", "3|NULL|30", "2|a|-5", "5|c|0"}},
		{name: "text-eq", in: tIn, rows: tRows,
			node: filterNode(op("=", bo, cnst(tx, "a"), col(1, tx))),
			want: []string{"1|a|10", "NULL|a|40", "2|a|-5"}},
		{name: "guarded-division", in: tIn, rows: tRows,
			node: filterNode(kind(execpb.ExprAnd, bo, op("<>", bo, col(2, i8), cnst(i8, "0")),
				op(">", bo, op("/", i8, cnst(i8, "100"), col(2, i8)), cnst(i8, "5")))),
			want: []string{"1|a|10"}},
		{name: "division-by-zero", in: tIn, rows: tRows,
			node:     filterNode(op(">", bo, op("/", i8, cnst(i8, "100"), col(2, i8)), cnst(i8, "5"))),
			wantCode: "22012"},
		{name: "or-isnull", in: tIn, rows: tRows,
			node: filterNode(kind(execpb.ExprOr, bo, kind(execpb.ExprIsNull, bo, col(1, tx)),
				op("<", bo, col(2, i8), col(0, i4)))),
			want: []string{"3|NULL|30", "2|a|-5", "5|c|0"}},
		{name: "project", in: tIn, rows: tRows,
			node: projectNode([]types.T{i4, tx, i8, tx, i8, i8, i8},
				op("+", i4, col(0, i4), cnst(i4, "1")), fn("upper", tx, col(1, tx)),
				op("*", i8, col(2, i8), cnst(i8, "2")), op("||", tx, col(1, tx), cnst(tx, "z")),
				op("/", i8, col(2, i8), cnst(i8, "3")), op("%", i8, col(2, i8), cnst(i8, "3")),
				op("u-", i8, col(2, i8))),
			want: []string{"2|A|20|az|3|1|-10", "3|B|NULL|bz|NULL|NULL|NULL", "4|NULL|60|NULL|10|0|-30",
				"NULL|A|80|az|13|1|-40", "3|A|-10|az|-1|-2|5", "6|C|0|cz|0|0|0"}},
		{name: "overflow", in: tIn, rows: tRows,
			node:     projectNode([]types.T{i4}, op("*", i4, col(0, i4), cnst(i4, "2000000000"))),
			wantCode: "22003"},
	})
}

func aggNode(mode execpb.AggMode, groups []int, gts []types.T, aggs ...execpb.AggFunc) func(*execpb.Node) *execpb.Node {
	return func(s *execpb.Node) *execpb.Node {
		return &execpb.Node{Kind: execpb.NodeAggregate, Input: s,
			Agg: &execpb.Aggregate{Mode: mode, GroupCols: groups, GroupTypes: gts, Aggs: aggs}}
	}
}

var tAggs = []execpb.AggFunc{
	{Func: "count_star", Type: i8},
	{Func: "count", Arg: 2, ArgType: i8, Type: i8},
	{Func: "sum", Arg: 2, ArgType: i8, Type: nu},
	{Func: "avg", Arg: 0, ArgType: i4, Type: nu},
	{Func: "min", Arg: 0, ArgType: i4, Type: i4},
	{Func: "max", Arg: 1, ArgType: tx, Type: tx},
	{Func: "sum", Arg: 0, ArgType: i4, Type: i8},
	{Func: "avg", Arg: 2, ArgType: i8, Type: nu},
}

var tAggWant = []string{
	"a|3|3|45|1.5000000000000000|1|a|3|15.0000000000000000",
	"b|1|0|NULL|2.0000000000000000|2|b|2|NULL",
	"c|1|1|0|5.0000000000000000|5|c|5|0.00000000000000000000",
	"NULL|1|1|30|3.0000000000000000|3|NULL|3|30.0000000000000000",
}

// twoPhase runs Partial then Final over the same input (as the gateway
// does over one shard's stream).
func twoPhase(groups []int, gts []types.T, aggs ...execpb.AggFunc) func(*execpb.Node) *execpb.Node {
	return func(s *execpb.Node) *execpb.Node {
		partial := aggNode(execpb.AggPartial, groups, gts, aggs...)(s)
		final := make([]int, len(groups))
		for i := range final {
			final[i] = i
		}
		return aggNode(execpb.AggFinal, final, gts, aggs...)(partial)
	}
}

func TestAggregate(t *testing.T) {
	RunTests(t, []opTest{
		{name: "complete", in: tIn, rows: tRows, want: tAggWant,
			node: aggNode(execpb.AggComplete, []int{1}, []types.T{tx}, tAggs...)},
		{name: "two-phase", in: tIn, rows: tRows, want: tAggWant,
			node: twoPhase([]int{1}, []types.T{tx}, tAggs...)},
		{name: "empty", in: tIn, rows: tRows, allNullsSame: true, want: []string{"0|0|NULL|NULL|NULL|NULL|NULL|NULL"},
			node: func(s *execpb.Node) *execpb.Node {
				return aggNode(execpb.AggComplete, nil, nil, tAggs...)(filterNode(op(">", bo, col(0, i4), cnst(i4, "100")))(s))
			}},
		{name: "empty-two-phase", in: tIn, rows: tRows, allNullsSame: true, want: []string{"0|0|NULL|NULL|NULL|NULL|NULL|NULL"},
			node: func(s *execpb.Node) *execpb.Node {
				return twoPhase(nil, nil, tAggs...)(filterNode(op(">", bo, col(0, i4), cnst(i4, "100")))(s))
			}},
		{name: "empty-grouped", in: tIn, rows: tRows, allNullsSame: true, want: nil,
			node: func(s *execpb.Node) *execpb.Node {
				return aggNode(execpb.AggComplete, []int{1}, []types.T{tx}, tAggs...)(filterNode(op(">", bo, col(0, i4), cnst(i4, "100")))(s))
			}},
		{name: "distinct", in: tIn, rows: tRows, want: []string{"4|11|2.7500000000000000"},
			node: aggNode(execpb.AggComplete, nil, nil,
				execpb.AggFunc{Func: "count", Arg: 0, ArgType: i4, Type: i8, Distinct: true},
				execpb.AggFunc{Func: "sum", Arg: 0, ArgType: i4, Type: i8, Distinct: true},
				execpb.AggFunc{Func: "avg", Arg: 0, ArgType: i4, Type: nu, Distinct: true})},
		{name: "int-group", in: tIn, rows: tRows, want: []string{"1|1", "2|2", "3|1", "NULL|1", "5|1"},
			node: aggNode(execpb.AggComplete, []int{0}, []types.T{i4}, execpb.AggFunc{Func: "count_star", Type: i8})},
		{name: "bigint-overflow", in: []types.T{i8}, rows: [][]string{{"9223372036854775807"}, {"1"}},
			want: []string{"9223372036854775808"},
			node: aggNode(execpb.AggComplete, nil, nil, execpb.AggFunc{Func: "sum", Arg: 0, ArgType: i8, Type: nu})},
	})
}

func TestSortLimit(t *testing.T) {
	ord := []execpb.Ordering{{Col: 1, Desc: true, NullsFirst: false}, {Col: 0, NullsFirst: true}}
	sorted := []string{"5|c|0", "2|b|NULL", "NULL|a|40", "1|a|10", "2|a|-5", "3|NULL|30"}
	RunTests(t, []opTest{
		{name: "sort", in: tIn, rows: tRows, ordered: true, want: sorted,
			node: func(s *execpb.Node) *execpb.Node {
				return &execpb.Node{Kind: execpb.NodeSort, Input: s, Ordering: ord}
			}},
		{name: "topn", in: tIn, rows: tRows, ordered: true, want: sorted[1:4],
			node: func(s *execpb.Node) *execpb.Node {
				return &execpb.Node{Kind: execpb.NodeTopN, Input: s, Ordering: ord, Limit: 3, Offset: 1}
			}},
		{name: "limit", in: tIn, rows: tRows, ordered: true, want: []string{"3|NULL|30", "NULL|a|40"},
			node: func(s *execpb.Node) *execpb.Node {
				return &execpb.Node{Kind: execpb.NodeLimit, Input: s, Limit: 2, Offset: 2}
			}},
		{name: "offset-only", in: tIn, rows: tRows, ordered: true, want: []string{"2|a|-5", "5|c|0"},
			node: func(s *execpb.Node) *execpb.Node {
				return &execpb.Node{Kind: execpb.NodeLimit, Input: s, Limit: -1, Offset: 4}
			}},
	})
}
