package sql

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/quiverdb/quiver/exec"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/types"
)

// TestTwoPhaseAggregatesMatchComplete runs every aggregate over every
// type split across five shards (partial on the shards, final on the
// gateway) and compares with one Complete aggregation over the same rows.
func TestTwoPhaseAggregatesMatchComplete(t *testing.T) {
	srv := NewServer(Config{Meta: newFakeMeta(5), Shards: newFakeShards(), NodeID: 1})
	s := newSessionOn(t, srv, "postgres")
	cols := []struct{ name, typ string }{
		{"i2", "SMALLINT"}, {"i4", "INT"}, {"i8", "BIGINT"}, {"f4", "REAL"}, {"f8", "FLOAT8"},
		{"n", "NUMERIC(10,3)"}, {"t", "TEXT"}, {"vc", "VARCHAR(5)"}, {"d", "DATE"}, {"ts", "TIMESTAMP"},
	}
	var defs []string
	for _, c := range cols {
		defs = append(defs, c.name+" "+c.typ)
	}
	mustRun(t, s, "CREATE TABLE a (k INT PRIMARY KEY, g INT, "+strings.Join(defs, ", ")+")")
	var rows []string
	for k := 0; k < 60; k++ {
		g := k % 4 // group 3 holds only NULLs
		if g == 3 {
			rows = append(rows, fmt.Sprintf("(%d, 3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)", k))
			continue
		}
		v := k*7%23 - 11
		rows = append(rows, fmt.Sprintf("(%d, %d, %d, %d, %d, %d.5, %d.25, %d.125, 's%02d', 'v%d', '2024-01-%02d', '2024-02-01 10:%02d:00')",
			k, g, v, v*1000, int64(v)*1_000_000_000_000, v, v, v, v+50, v+50, v+12, v+12))
	}
	mustRun(t, s, "INSERT INTO a VALUES "+strings.Join(rows, ", "))
	for _, c := range cols {
		for _, agg := range []string{"count(*)", "count(%s)", "sum(%s)", "avg(%s)", "min(%s)", "max(%s)"} {
			call := agg
			if strings.Contains(agg, "%s") {
				call = fmt.Sprintf(agg, c.name)
			}
			if !aggApplies(call, c.typ) {
				continue
			}
			for _, grouped := range []bool{true, false} {
				q := "SELECT " + call + " FROM a"
				if grouped {
					q = "SELECT g, " + call + " FROM a GROUP BY g"
				}
				got := sortedOut(mustRun(t, s, q))
				want := completeAgg(t, s, q)
				if got != want {
					t.Errorf("%s:\n two-phase %s\n complete  %s", q, got, want)
				}
			}
		}
	}
}

func aggApplies(call, typ string) bool {
	numeric := !strings.Contains("TEXT VARCHAR(5) DATE TIMESTAMP", typ)
	return numeric || !strings.HasPrefix(call, "sum") && !strings.HasPrefix(call, "avg")
}

func sortedOut(w *textWriter) string {
	out := append([]string(nil), w.out...)
	sort.Strings(out)
	return strings.Join(out, ";")
}

// completeAgg binds q, then runs its aggregate in AggComplete mode over
// the rows that its input (the table's rows, projected) yields.
func completeAgg(t *testing.T, s *Session, q string) string {
	t.Helper()
	p, err := s.Prepare(context.Background(), q, nil)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := physicalPlan(p.stmt.(*selectStmt).plan, nil)
	if err != nil {
		t.Fatal(err)
	}
	part := findAgg(plan.Shard[0])
	final := findAgg(plan.Gateway)
	if part == nil || final == nil || part.Agg.Mode != execpb.AggPartial || final.Agg.Mode != execpb.AggFinal {
		t.Fatalf("%s: not a two-phase plan", q)
	}
	// The partial aggregate's input, run on every shard, is the raw rows.
	var all [][]types.Datum
	raw := &execpb.Plan{Shard: []*execpb.Node{part.Input}, Gateway: &execpb.Node{Kind: execpb.NodeMerge, Types: part.Input.Types, Names: part.Input.Names}}
	if _, err := s.runPlan(context.Background(), raw, func(rec arrow.Record) error {
		all = append(all, exec.RowsFromRecord(rec, part.Input.Types)...)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	values := &execpb.Node{Kind: execpb.NodeValues, Types: part.Input.Types, Names: part.Input.Names}
	for _, r := range all {
		row := make([]*execpb.Expr, len(r))
		for i, d := range r {
			row[i] = &execpb.Expr{Kind: execpb.ExprConst, Type: part.Input.Types[i], Null: d == nil}
			if d != nil {
				row[i].Text = types.FormatText(part.Input.Types[i], d)
			}
		}
		values.Rows = append(values.Rows, row)
	}
	spec := *part.Agg
	spec.Mode = execpb.AggComplete
	node := &execpb.Node{Kind: execpb.NodeAggregate, Input: values, Types: final.Types, Names: final.Names, Agg: &spec}
	op, err := exec.Build(context.Background(), node, &exec.Env{Alloc: memory.DefaultAllocator})
	if err != nil {
		t.Fatal(err)
	}
	if err := op.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer op.Close()
	recs, err := exec.Drain(context.Background(), op)
	if err != nil {
		t.Fatal(err)
	}
	w := &textWriter{}
	for _, rec := range recs {
		if err := w.Batch(rec); err != nil {
			t.Fatal(err)
		}
		rec.Release()
	}
	return sortedOut(w)
}

func findAgg(n *execpb.Node) *execpb.Node {
	for ; n != nil; n = n.Input {
		if n.Kind == execpb.NodeAggregate {
			return n
		}
	}
	return nil
}
