package exec

import (
	"testing"

	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/types"
)

// TestConstExprs evaluates expressions over no input (SELECT without
// FROM) through Values + Project; expected values come from PostgreSQL 15.
func TestConstExprs(t *testing.T) {
	f4 := types.Float8Type
	tests := []struct {
		name string
		e    *execpb.Expr
		want string
	}{
		{"like", op("LIKE", bo, cnst(tx, "ab"), cnst(tx, "a%")), "t"},
		{"like-underscore", op("LIKE", bo, cnst(tx, "aXc"), cnst(tx, "a_c")), "t"},
		{"like-escape", op("LIKE", bo, cnst(tx, "A%"), cnst(tx, `A\%`)), "t"},
		{"ilike", op("ILIKE", bo, cnst(tx, "ABC"), cnst(tx, "a%c")), "t"},
		{"not-like", op("NOT LIKE", bo, cnst(tx, "abc"), cnst(tx, "%b")), "t"},
		{"case", kind(execpb.ExprCase, tx, op(">", bo, cnst(i4, "1"), cnst(i4, "2")), cnst(tx, "x"),
			op(">", bo, cnst(i4, "2"), cnst(i4, "1")), cnst(tx, "y")), "y"},
		{"coalesce", kind(execpb.ExprCoalesce, i4, cnst(i4, "NULL"), cnst(i4, "3"), cnst(i4, "4")), "3"},
		{"nullif", kind(execpb.ExprNullIf, i4, cnst(i4, "2"), cnst(i4, "2")), "NULL"},
		{"in-null", kind(execpb.ExprIn, bo, cnst(i4, "3"), cnst(i4, "1"), cnst(i4, "2"), cnst(i4, "NULL")), "NULL"},
		{"in", kind(execpb.ExprIn, bo, cnst(i4, "2"), cnst(i4, "1"), cnst(i4, "2"), cnst(i4, "NULL")), "t"},
		{"substr", fn("substr", tx, cnst(tx, "hello"), cnst(i4, "2"), cnst(i4, "3")), "ell"},
		{"round-numeric", fn("round", nu, cnst(nu, "2.345"), cnst(i4, "2")), "2.35"},
		{"round-float", fn("round", f4, cnst(f4, "2.5")), "2"},
		{"sqrt-numeric", fn("sqrt", nu, cnst(nu, "2")), "1.414213562373095"},
		{"power", fn("power", f4, cnst(f4, "2"), cnst(f4, "10")), "1024"},
		{"trim", fn("btrim", tx, cnst(tx, "  x ")), "x"},
		{"left-negative", fn("left", tx, cnst(tx, "hello"), cnst(i4, "-2")), "hel"},
		{"right", fn("right", tx, cnst(tx, "hello"), cnst(i4, "2")), "lo"},
		{"strpos", fn("strpos", i4, cnst(tx, "hello"), cnst(tx, "l")), "3"},
		{"greatest", fn("greatest", i4, cnst(i4, "1"), cnst(i4, "NULL"), cnst(i4, "3")), "3"},
		{"concat", fn("concat", tx, cnst(tx, "a"), cnst(tx, "NULL"), cnst(tx, "1")), "a1"},
		{"abs", fn("abs", i4, cnst(i4, "-7")), "7"},
		{"floor", fn("floor", nu, cnst(nu, "-1.5")), "-2"},
		{"ceil", fn("ceil", nu, cnst(nu, "1.2")), "2"},
		{"sign", fn("sign", nu, cnst(nu, "-3.5")), "-1"},
		{"length", fn("length", i4, cnst(tx, "héllo")), "5"},
		{"is-not-true", kind(execpb.ExprIsBool, bo, cnst(bo, "NULL")), "t"},
		{"and-null", kind(execpb.ExprAnd, bo, cnst(bo, "NULL"), cnst(bo, "false")), "f"},
		{"or-null", kind(execpb.ExprOr, bo, cnst(bo, "NULL"), cnst(bo, "false")), "NULL"},
		{"not", kind(execpb.ExprNot, bo, cnst(bo, "false")), "t"},
		{"cast", kind(execpb.ExprCast, tx, cnst(i4, "42")), "42"},
		{"float-div", op("/", f4, cnst(f4, "1"), cnst(f4, "4")), "0.25"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.e.Kind == execpb.ExprIsBool {
				tc.e.Op = "not true"
			}
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)
			values := &execpb.Node{Kind: execpb.NodeValues, Rows: [][]*execpb.Expr{{}}}
			node := &execpb.Node{Kind: execpb.NodeProject, Types: []types.T{tc.e.Type}, Input: values, Exprs: []*execpb.Expr{tc.e}}
			got, code := runNode(t, &Env{Alloc: mem}, node)
			if code != "" {
				t.Fatalf("error %s", code)
			}
			if len(got) != 1 || got[0] != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
			vals := &execpb.Node{Kind: execpb.NodeValues, Types: []types.T{tc.e.Type}, Rows: [][]*execpb.Expr{{tc.e}}}
			if got, _ := runNode(t, &Env{Alloc: mem}, vals); len(got) != 1 || got[0] != tc.want {
				t.Fatalf("values: got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestNumericAvg checks avg's division scale against PostgreSQL 15
// (SELECT avg(x) FROM ...).
func TestNumericAvg(t *testing.T) {
	for _, tc := range []struct {
		sum  string
		n    int64
		want string
	}{
		{"10.0", 4, "2.5000000000000000"},
		{"1", 3, "0.33333333333333333333"},
		{"3", 2, "1.5000000000000000"},
		{"0", 1, "0.00000000000000000000"},
		{"45", 3, "15.0000000000000000"},
		{"-7.25", 2, "-3.6250000000000000"},
		{"Infinity", 2, "Infinity"},
	} {
		sum, _ := types.ParseText(nu, tc.sum)
		q, err := numericAvg(sum.(*types.Decimal), tc.n)
		if err != nil || types.FormatText(nu, q) != tc.want {
			t.Errorf("%s/%d = %v (%v), want %s", tc.sum, tc.n, q, err, tc.want)
		}
	}
}
