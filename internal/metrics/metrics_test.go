package metrics

import (
	"strings"
	"testing"
)

func TestWritePrometheus(t *testing.T) {
	Statements.Inc()
	Errors.Inc("42P01")
	Errors.Inc("42P01")
	var sb strings.Builder
	if err := WritePrometheus(&sb); err != nil {
		t.Fatal(err)
	}
	out := sb.String()
	for _, want := range []string{
		"# TYPE quiver_statements_total counter\n",
		`quiver_errors_total{sqlstate="42P01"} 2`,
		"quiver_connections_open 0\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
}
