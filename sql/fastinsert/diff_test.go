package fastinsert

import (
	"testing"

	"github.com/quiverdb/quiver/sql/fastinsert/fastinserttest"
)

// TestDifferential checks Parse against pg_query on random statements:
// every statement without a near miss is accepted and parses exactly as
// pg_query parses it; every statement with one is rejected.
func TestDifferential(t *testing.T) {
	const seed = 20240611
	g := fastinserttest.New(seed, 0.03)
	accepted, rejected := 0, 0
	for n := 0; n < 10000; n++ {
		q, bad := g.Statement(5, 4)
		got, ok := Parse(q)
		switch {
		case ok && bad:
			t.Errorf("accepted a near miss: %q", q)
		case !ok && !bad:
			t.Errorf("rejected a statement of the accepted shape: %q", q)
		case ok:
			accepted++
			if err := checkAgainstOracle(q, got); err != nil {
				t.Errorf("%q: %v", q, err)
			}
		default:
			rejected++
		}
	}
	t.Logf("seed %d: %d accepted, %d rejected", seed, accepted, rejected)
	if accepted < 3000 || rejected < 3000 {
		t.Errorf("unbalanced generator: %d accepted, %d rejected", accepted, rejected)
	}
}
