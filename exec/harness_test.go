package exec

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/types"
)

// opTest is one operator test: input rows (as PostgreSQL text, "NULL"
// for NULL), a plan node whose leaf scans the input, and the expected
// output as text.
type opTest struct {
	name     string
	in       []types.T
	rows     [][]string
	node     func(scan *execpb.Node) *execpb.Node
	want     []string // rows joined by "|"
	ordered  bool     // compare in order (else as sorted sets)
	wantCode string   // expected SQLSTATE instead of rows
	// sources, when set, are the streams a NodeMerge reads (Env.Sources),
	// each a list of rows of types in; rows is then unused.
	sources [][][]string
	// allNullsSame says the expected output does not depend on the input
	// values, so the all-NULL variant may reproduce it.
	allNullsSame bool
}

var batchSizes = []int{1, 2, 3, 16, 1024}

// RunTests runs each test with its input replayed at several batch sizes
// under a checked allocator that must end with no live memory, in two
// variants [cockroach colexectestutils]:
//   - nulls=given: the input as written must give the expected output;
//   - nulls=all: every input value is NULL. The operator must still run
//     without leaking, and its output must differ from the expected one
//     (an operator that ignores validity bitmaps gives itself away),
//     unless the test sets allNullsSame.
func RunTests(t *testing.T, tests []opTest) {
	t.Helper()
	for _, tc := range tests {
		for _, bs := range batchSizes {
			t.Run(tc.name+"/nulls=given/batch="+itoa(bs), func(t *testing.T) {
				mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
				defer mem.AssertSize(t, 0)
				runOne(t, mem, tc, bs)
			})
			t.Run(tc.name+"/nulls=all/batch="+itoa(bs), func(t *testing.T) {
				mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
				defer mem.AssertSize(t, 0)
				runAllNulls(t, mem, tc, bs)
			})
		}
	}
}

// allNulls returns rows of the same shape with every value NULL.
func allNulls(rows [][]string) [][]string {
	out := make([][]string, len(rows))
	for r, row := range rows {
		out[r] = make([]string, len(row))
		for c := range row {
			out[r][c] = "NULL"
		}
	}
	return out
}

func runAllNulls(t *testing.T, mem memory.Allocator, tc opTest, bs int) {
	tc.rows = allNulls(tc.rows)
	tc.sources = slices.Clone(tc.sources)
	for i, src := range tc.sources {
		tc.sources[i] = allNulls(src)
	}
	got, code := runInput(t, mem, tc, bs)
	if tc.allNullsSame || (code != "" && code != tc.wantCode) {
		return
	}
	if code == tc.wantCode && sameRows(tc, got) {
		t.Fatalf("all-NULL input gives the expected output %q: is the operator reading NULL slots?", got)
	}
}

func sameRows(tc opTest, got []string) bool {
	want := slices.Clone(tc.want)
	if !tc.ordered {
		slices.Sort(got)
		slices.Sort(want)
	}
	return strings.Join(got, "\n") == strings.Join(want, "\n") && len(got) == len(want)
}

func itoa(n int) string { return strconv.Itoa(n) }

func parseRows(t *testing.T, ts []types.T, rows [][]string) [][]types.Datum {
	out := make([][]types.Datum, len(rows))
	for r, row := range rows {
		out[r] = make([]types.Datum, len(ts))
		for c, s := range row {
			if s == "NULL" {
				continue
			}
			d, err := types.ParseText(ts[c], s)
			if err != nil {
				t.Fatalf("parse %q as %s: %v", s, ts[c], err)
			}
			out[r][c] = d
		}
	}
	return out
}

func batches(alloc memory.Allocator, ts []types.T, rows [][]types.Datum, size int) []arrow.Record {
	var recs []arrow.Record
	for start := 0; start < len(rows); start += size {
		recs = append(recs, RecordFromRows(alloc, ts, rows[start:min(start+size, len(rows))]))
	}
	return recs
}

func runOne(t *testing.T, mem memory.Allocator, tc opTest, bs int) {
	got, code := runInput(t, mem, tc, bs)
	if tc.wantCode != "" || code != "" {
		if code != tc.wantCode {
			t.Fatalf("error code %q, want %q", code, tc.wantCode)
		}
		return
	}
	if !sameRows(tc, got) {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
	}
}

// runInput runs tc's plan over its input cut into batches of bs rows.
func runInput(t *testing.T, mem memory.Allocator, tc opTest, bs int) ([]string, string) {
	recs := batches(mem, tc.in, parseRows(t, tc.in, tc.rows), bs)
	defer releaseAll(recs)
	var streams [][]arrow.Record
	defer func() {
		for _, s := range streams {
			releaseAll(s)
		}
	}()
	for _, src := range tc.sources {
		streams = append(streams, batches(mem, tc.in, parseRows(t, tc.in, src), bs))
	}
	env := &Env{Alloc: mem,
		Scan: func(context.Context, *execpb.Scan) (Operator, error) {
			return NewRecordSource(Schema(tc.in, nil), recs), nil
		},
		Sources: func(context.Context, int) ([]Operator, error) {
			ops := make([]Operator, len(streams))
			for i, s := range streams {
				ops[i] = NewRecordSource(Schema(tc.in, nil), s)
			}
			return ops, nil
		}}
	scan := &execpb.Node{Kind: execpb.NodeScan, Types: tc.in, Scan: &execpb.Scan{}}
	return runNode(t, env, tc.node(scan))
}

// runNode builds and drains node, returning rows as text or the error's
// SQLSTATE.
func runNode(t *testing.T, env *Env, node *execpb.Node) ([]string, string) {
	t.Helper()
	ctx := context.Background()
	op, err := Build(ctx, node, env)
	if err != nil {
		return nil, codeOf(err)
	}
	out, err := Drain(ctx, op)
	if err != nil {
		return nil, codeOf(err)
	}
	defer releaseAll(out)
	ts := TypesOf(op.Schema())
	var rows []string
	for _, rec := range out {
		for _, row := range RowsFromRecord(rec, ts) {
			rows = append(rows, rowText(ts, row))
		}
	}
	return rows, ""
}

func rowText(ts []types.T, row []types.Datum) string {
	parts := make([]string, len(row))
	for i, d := range row {
		if d == nil {
			parts[i] = "NULL"
		} else {
			parts[i] = types.FormatText(ts[i], d)
		}
	}
	return strings.Join(parts, "|")
}
