package sql

import (
	"sync/atomic"
	"time"
)

// rowidGen generates the hidden rowid values of tables without a primary
// key: the node id in the top 16 bits, then a counter seeded from the
// clock at start, so values are unique across nodes and restarts (as long
// as a node inserts fewer than a million rows per second on average).
type rowidGen struct {
	next atomic.Uint64
}

const rowidNodeShift = 47

func (g *rowidGen) init(nodeID uint64) {
	seed := uint64(time.Now().UnixMicro()) & (1<<rowidNodeShift - 1)
	g.next.Store((nodeID&0xffff)<<rowidNodeShift | seed)
}

// nextID returns a fresh rowid (positive int8).
func (g *rowidGen) nextID() int64 {
	return int64(g.next.Add(1) & (1<<63 - 1))
}
