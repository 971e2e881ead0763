package fastinserttest

import "testing"

func TestStatementNearMiss(t *testing.T) {
	for _, tc := range []struct {
		rate float64
		want bool
	}{{0, false}, {1, true}} {
		g := New(7, tc.rate)
		for i := 0; i < 100; i++ {
			if q, bad := g.Statement(3, 3); bad != tc.want {
				t.Errorf("rate %v: %q near miss %v", tc.rate, q, bad)
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	a, b := New(3, 0.1), New(3, 0.1)
	for i := 0; i < 100; i++ {
		qa, _ := a.Statement(4, 4)
		qb, _ := b.Statement(4, 4)
		if qa != qb {
			t.Fatalf("statement %d differs: %q vs %q", i, qa, qb)
		}
	}
}
