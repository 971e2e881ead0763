package sql

import (
	"strings"
	"testing"
)

func TestShowAll(t *testing.T) {
	s := newTestSession(t)
	mustRun(t, s, "SET application_name = 'shown'")
	w := mustRun(t, s, "SHOW ALL")
	if len(w.cols) != 3 || w.cols[0].Name != "name" || w.cols[2].Name != "description" {
		t.Fatalf("columns %+v", w.cols)
	}
	found := false
	for _, row := range w.out {
		if strings.HasPrefix(row, "application_name|shown|") {
			found = true
		}
	}
	if !found || len(w.out) < 10 {
		t.Fatalf("SHOW ALL gave %d rows without application_name=shown: %v", len(w.out), w.out)
	}
}
