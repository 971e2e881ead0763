package exec

import (
	"math"
	"slices"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
)

// sortPermutation returns rec's row indexes in keys order, ties in input
// order (a stable sort). One integer, date, timestamp or float key is
// radix sorted; anything else is compared with typed per-key comparators.
func sortPermutation(rec arrow.Record, keys []sortKey) []int32 {
	if len(keys) == 1 {
		if perm, ok := radixPermutation(rec.Column(keys[0].Col), keys[0]); ok {
			return perm
		}
	}
	cmps := make([]func(i, j int) int, len(keys))
	for k, key := range keys {
		cmps[k] = keyComparator(rec.Column(key.Col), key)
	}
	perm := identity(int(rec.NumRows()))
	slices.SortFunc(perm, func(x, y int32) int {
		for _, c := range cmps {
			if r := c(int(x), int(y)); r != 0 {
				return r
			}
		}
		return int(x - y)
	})
	return perm
}

func identity(n int) []int32 {
	perm := make([]int32, n)
	for i := range perm {
		perm[i] = int32(i)
	}
	return perm
}

// keyComparator orders rows i and j of one key column, NULLs and
// direction included.
func keyComparator(arr arrow.Array, key sortKey) func(i, j int) int {
	cells := cellComparator(arr, key)
	nullFirst := -1
	if !key.NullsFirst {
		nullFirst = 1
	}
	hasNulls := arr.NullN() > 0
	return func(i, j int) int {
		if hasNulls {
			in, jn := arr.IsNull(i), arr.IsNull(j)
			switch {
			case in && jn:
				return 0
			case in:
				return nullFirst
			case jn:
				return -nullFirst
			}
		}
		if key.Desc {
			return cells(j, i)
		}
		return cells(i, j)
	}
}

// cellComparator orders two non-NULL cells of arr.
func cellComparator(arr arrow.Array, key sortKey) func(i, j int) int {
	switch arr.DataType().ID() {
	case arrow.INT16:
		return orderedCells(valuesOf[int16](arr))
	case arrow.INT32, arrow.DATE32:
		return orderedCells(valuesOf[int32](arr))
	case arrow.INT64, arrow.TIMESTAMP:
		return orderedCells(valuesOf[int64](arr))
	case arrow.FLOAT32:
		v := valuesOf[float32](arr)
		return func(i, j int) int { return floatCmp(v[i], v[j]) }
	case arrow.FLOAT64:
		v := valuesOf[float64](arr)
		return func(i, j int) int { return floatCmp(v[i], v[j]) }
	case arrow.STRING:
		if s, ok := arr.(*array.String); ok && key.t.IsString() {
			return func(i, j int) int { return strCmp(s.Value(i), s.Value(j)) }
		}
	}
	return func(i, j int) int { return compareCells(key.t, arr, i, arr, j) }
}

func orderedCells[T signed](v []T) func(i, j int) int {
	return func(i, j int) int {
		switch {
		case v[i] < v[j]:
			return -1
		case v[i] > v[j]:
			return 1
		}
		return 0
	}
}

// radixPermutation sorts by one fixed-width key: NULL rows go first or
// last in input order, the others by a stable LSD radix sort of their
// keys mapped to order-preserving uint64s. ok is false for other types.
func radixPermutation(arr arrow.Array, key sortKey) ([]int32, bool) {
	n := arr.Len()
	ks := make([]uint64, 0, n)
	idx := make([]int32, 0, n)
	var nulls []int32
	add := func(i int, k uint64) {
		if arr.IsNull(i) {
			nulls = append(nulls, int32(i))
			return
		}
		if key.Desc {
			k = ^k
		}
		ks, idx = append(ks, k), append(idx, int32(i))
	}
	if !radixKeys(arr, add) {
		return nil, false
	}
	sorted := radixSort(ks, idx)
	if key.NullsFirst {
		return append(nulls, sorted...), true
	}
	return append(sorted, nulls...), true
}

// radixKeys calls add with each row and its order-preserving key.
func radixKeys(arr arrow.Array, add func(i int, k uint64)) bool {
	const sign = 1 << 63
	switch arr.DataType().ID() {
	case arrow.INT16:
		for i, v := range valuesOf[int16](arr) {
			add(i, uint64(int64(v))^sign)
		}
	case arrow.INT32, arrow.DATE32:
		for i, v := range valuesOf[int32](arr) {
			add(i, uint64(int64(v))^sign)
		}
	case arrow.INT64, arrow.TIMESTAMP:
		for i, v := range valuesOf[int64](arr) {
			add(i, uint64(v)^sign)
		}
	case arrow.FLOAT32:
		for i, v := range valuesOf[float32](arr) {
			add(i, floatKey(float64(v)))
		}
	case arrow.FLOAT64:
		for i, v := range valuesOf[float64](arr) {
			add(i, floatKey(v))
		}
	default:
		return false
	}
	return true
}

// floatKey maps a float to a uint64 in PostgreSQL's order: -0 equals 0
// and every NaN sorts above +Infinity.
func floatKey(f float64) uint64 {
	switch {
	case f != f:
		return math.MaxUint64
	case f == 0:
		f = 0
	}
	b := math.Float64bits(f)
	if b>>63 != 0 {
		return ^b
	}
	return b | 1<<63
}

// radixSort returns idx reordered by ks (ascending, stable): one
// counting pass per byte, skipping the bytes every key shares.
func radixSort(ks []uint64, idx []int32) []int32 {
	n := len(ks)
	if n == 0 {
		return idx
	}
	var counts [8][256]int
	for _, k := range ks {
		for b := 0; b < 8; b++ {
			counts[b][byte(k>>(8*b))]++
		}
	}
	ks2, idx2 := make([]uint64, n), make([]int32, n)
	for b := 0; b < 8; b++ {
		c := &counts[b]
		if c[byte(ks[0]>>(8*b))] == n {
			continue // every key has this byte
		}
		pos := 0
		for d := range c {
			c[d], pos = pos, pos+c[d]
		}
		shift := uint(8 * b)
		for i, k := range ks {
			d := byte(k >> shift)
			ks2[c[d]], idx2[c[d]] = k, idx[i]
			c[d]++
		}
		ks, ks2 = ks2, ks
		idx, idx2 = idx2, idx
	}
	return idx
}
