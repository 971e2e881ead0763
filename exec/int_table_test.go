package exec

import (
	"math"
	"math/rand"
	"testing"
)

// TestIntTable checks the grouping table against a Go map through
// several resizes, with edge keys and keys that collide in the low bits.
func TestIntTable(t *testing.T) {
	rng := rand.New(rand.NewSource(9))
	tab := newIntTable()
	ref := map[int64]uint32{}
	keys := []int64{0, -1, 1, math.MinInt64, math.MaxInt64}
	for i := 0; i < 5000; i++ {
		switch rng.Intn(3) {
		case 0:
			keys = append(keys, int64(rng.Intn(100))<<32)
		case 1:
			keys = append(keys, rng.Int63()-rng.Int63())
		default:
			keys = append(keys, keys[rng.Intn(len(keys))])
		}
	}
	for _, k := range keys {
		want, seen := ref[k]
		if !seen {
			want = uint32(len(ref))
			ref[k] = want
		}
		got, added := tab.lookup(k, uint32(len(ref)-1))
		if got != want || added == seen {
			t.Fatalf("lookup(%d) = %d, %v; want %d, %v", k, got, added, want, !seen)
		}
	}
	if tab.n != len(ref) || 2*tab.n > len(tab.keys) {
		t.Fatalf("table holds %d keys in %d slots, want %d keys at most half full", tab.n, len(tab.keys), len(ref))
	}
}
