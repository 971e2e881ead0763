package exec

import "math/bits"

// intTable maps int64 keys to dense uint32 group ids: open addressing
// with linear probing over power-of-two slots, kept at most half full.
// It is the hot loop of GROUP BY on one integer column, where it beats
// Go's map by avoiding its generic hashing and group metadata.
type intTable struct {
	keys  []int64
	ids   []uint32 // id+1 of the key in the same slot; 0 marks an empty slot
	shift uint     // 64 - log2(len(keys))
	n     int
}

// fibonacci is 2^64 divided by the golden ratio: multiplying by it and
// keeping the top bits spreads consecutive keys over the table.
const fibonacci = 0x9E3779B97F4A7C15

func newIntTable() *intTable {
	t := &intTable{}
	t.resize(64)
	return t
}

func (t *intTable) resize(slots int) {
	keys, ids := t.keys, t.ids
	t.keys = make([]int64, slots)
	t.ids = make([]uint32, slots)
	t.shift = uint(64 - bits.TrailingZeros(uint(slots)))
	for s, id := range ids {
		if id != 0 {
			t.put(keys[s], id)
		}
	}
}

// put stores a key known to be absent.
func (t *intTable) put(k int64, id1 uint32) {
	mask := len(t.keys) - 1
	s := int((uint64(k) * fibonacci) >> t.shift)
	for t.ids[s] != 0 {
		s = (s + 1) & mask
	}
	t.keys[s], t.ids[s] = k, id1
}

// lookup returns k's id, inserting k with id next when absent (added
// reports that).
func (t *intTable) lookup(k int64, next uint32) (id uint32, added bool) {
	mask := len(t.keys) - 1
	s := int((uint64(k) * fibonacci) >> t.shift)
	for {
		id1 := t.ids[s]
		if id1 == 0 {
			break
		}
		if t.keys[s] == k {
			return id1 - 1, false
		}
		s = (s + 1) & mask
	}
	t.keys[s], t.ids[s] = k, next+1
	t.n++
	if 2*t.n > len(t.keys) {
		t.resize(2 * len(t.keys))
	}
	return next, true
}
