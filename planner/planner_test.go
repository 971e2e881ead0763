package planner_test

import (
	"fmt"
	"testing"

	"github.com/cockroachdb/datadriven"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/planner"
	"github.com/quiverdb/quiver/sql"
)

// TestPlanner runs testdata files: exec-ddl defines a table; build prints
// the logical plan, optimize the rewritten plan, distribute the
// fragments.
func TestPlanner(t *testing.T) {
	datadriven.Walk(t, "testdata", func(t *testing.T, path string) {
		cat := planner.MapCatalog{}
		datadriven.RunTest(t, path, func(t *testing.T, d *datadriven.TestData) string {
			out, err := runCommand(cat, d)
			if err != nil {
				return fmt.Sprintf("error (%s): %s\n", pgerror.CodeOf(err), err.Error())
			}
			return out
		})
	})
}

func runCommand(cat planner.MapCatalog, d *datadriven.TestData) (string, error) {
	if d.Cmd == "exec-ddl" {
		mt, err := sql.BindCreateTable(d.Input)
		if err != nil {
			return "", err
		}
		mt.ID = uint32(100 + len(cat))
		cat[mt.Name] = sql.PlannerTable(mt)
		return "", nil
	}
	plan, err := sql.BuildPlan(cat, d.Input)
	if err != nil {
		return "", err
	}
	if d.Cmd == "build" {
		return planner.FormatPlan(plan), nil
	}
	if plan, err = planner.Optimize(plan); err != nil {
		return "", err
	}
	if d.Cmd == "optimize" {
		return planner.FormatPlan(plan), nil
	}
	p, err := planner.Distribute(plan)
	if err != nil {
		return "", err
	}
	return planner.FormatDistributed(p), nil
}
