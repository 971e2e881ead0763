package planner_test

import (
	"testing"

	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/planner"
	"github.com/quiverdb/quiver/sql"
)

func TestSubstitutePlan(t *testing.T) {
	cat := planner.MapCatalog{}
	mt, err := sql.BindCreateTable("CREATE TABLE t (k INT PRIMARY KEY, v TEXT, n BIGINT)")
	if err != nil {
		t.Fatal(err)
	}
	mt.ID = 100
	cat["t"] = sql.PlannerTable(mt)
	for _, c := range []struct {
		query  string
		params []types.Datum
		want   string
	}{
		{"SELECT v FROM t WHERE k = $1 AND n > $2", []types.Datum{int64(7), int64(3)},
			"shard fragment 0:\n  project v=@2\n    scan table100 cols=[k v n] filter=and((@1 = '7'::integer), (@3 > '3'::bigint)) point=('7'::integer)\ngateway:\n  merge shard fragment 0 [v]\n"},
		{"SELECT v FROM t WHERE k = $1", []types.Datum{nil},
			"shard fragment 0:\n  project v=@2\n    scan table100 cols=[k v] filter=(@1 = NULL::integer)\ngateway:\n  merge shard fragment 0 [v]\n"},
		{"SELECT v FROM t WHERE k = 1", nil,
			"shard fragment 0:\n  project v=@2\n    scan table100 cols=[k v] filter=(@1 = '1'::integer) point=('1'::integer)\ngateway:\n  merge shard fragment 0 [v]\n"},
	} {
		plan, err := sql.BuildPlan(cat, c.query)
		if err != nil {
			t.Fatal(err)
		}
		if plan, err = planner.Optimize(plan); err != nil {
			t.Fatal(err)
		}
		generic, err := planner.Distribute(plan)
		if err != nil {
			t.Fatal(err)
		}
		before := planner.FormatDistributed(generic)
		got, err := planner.SubstitutePlan(generic, c.params)
		if err != nil {
			t.Fatal(err)
		}
		if s := planner.FormatDistributed(got); s != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.query, s, c.want)
		}
		if planner.FormatDistributed(generic) != before {
			t.Errorf("%s: SubstitutePlan changed the generic plan", c.query)
		}
		if c.params == nil && got != generic {
			t.Errorf("%s: a plan without parameters must be returned as is", c.query)
		}
	}
}
