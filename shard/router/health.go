package router

import (
	"sync"
	"time"

	"github.com/quiverdb/quiver/internal/pgerror"
)

// healthBook remembers the shards whose last request ran out of its
// retry bound without any replica answering: shards that, as far as this
// gateway knows, have no quorum. A request to such a shard does not wait
// for a quorum again (see Router.do); its first success clears the mark.
type healthBook struct {
	mu   sync.Mutex
	down map[uint64]time.Time // shard id -> when it was found without a quorum
}

// markDown records that a request to shard found no quorum.
func (h *healthBook) markDown(shard uint64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.down == nil {
		h.down = map[uint64]time.Time{}
	}
	if _, ok := h.down[shard]; !ok {
		h.down[shard] = time.Now()
	}
}

// markUp records that shard answered.
func (h *healthBook) markUp(shard uint64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.down, shard)
}

// downSince returns when shard was found without a quorum, and false
// when it was not (or answered since).
func (h *healthBook) downSince(shard uint64) (time.Time, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	t, ok := h.down[shard]
	return t, ok
}

// errNoQuorum is the error of a request that was not sent because its
// shard has no quorum: nothing was applied, so retrying is safe (40001).
func errNoQuorum(shard uint64, since time.Time) error {
	return pgerror.WithHint(pgerror.Newf(pgerror.SerializationFailure,
		"shard %d has no quorum: no leader since %s", shard, since.UTC().Format(time.RFC3339)),
		"A majority of the shard's replicas is unreachable; retry once they are back.")
}
