package sql

import (
	"strings"
	"testing"
)

func TestExplainShowsTheDistributedPlan(t *testing.T) {
	s := newTestSession(t)
	mustRun(t, s, "CREATE TABLE e (k INT PRIMARY KEY, g INT, v FLOAT8)")
	w := mustRun(t, s, "EXPLAIN SELECT g, count(*) FROM e WHERE v > 1 GROUP BY g")
	plan := strings.Join(w.out, "\n")
	for _, want := range []string{"shard fragment 0:", "aggregate partial", "filter=", "gateway:", "aggregate final", "merge shard fragment 0"} {
		if !strings.Contains(plan, want) {
			t.Errorf("plan lacks %q:\n%s", want, plan)
		}
	}
	if len(w.cols) != 1 || w.cols[0].Name != "QUERY PLAN" {
		t.Fatalf("columns %+v", w.cols)
	}
	w = mustRun(t, s, "EXPLAIN SELECT * FROM e WHERE k = 5")
	if plan := strings.Join(w.out, "\n"); !strings.Contains(plan, "point=") {
		t.Errorf("a primary-key lookup is not a point read:\n%s", plan)
	}
	for q, code := range map[string]string{
		"EXPLAIN ANALYZE SELECT 1":         "0A000",
		"EXPLAIN INSERT INTO e VALUES (1)": "0A000",
	} {
		if _, e := run(s, q); !strings.Contains(e, "("+code+")") {
			t.Errorf("%s: %q, want %s", q, e, code)
		}
	}
}
