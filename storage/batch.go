package storage

import (
	"github.com/cockroachdb/pebble/v2"
	"github.com/quiverdb/quiver/internal/pgerror"
)

// Batch is an atomic set of writes. Batches from Engine.NewBatch are
// indexed: Get reads the batch's own writes over the committed store.
type Batch struct {
	b *pebble.Batch
}

// Set writes key=value.
func (b *Batch) Set(key, value []byte) error {
	return wrapWrite(b.b.Set(key, value, nil))
}

// Delete deletes key.
func (b *Batch) Delete(key []byte) error {
	return wrapWrite(b.b.Delete(key, nil))
}

// DeleteRange deletes every key in [start, end).
func (b *Batch) DeleteRange(start, end []byte) error {
	return wrapWrite(b.b.DeleteRange(start, end, nil))
}

// Get returns a copy of key's value as the batch sees it, or ErrNotFound.
func (b *Batch) Get(key []byte) ([]byte, error) {
	return getCopy(b.b, key)
}

// Has reports whether key exists as the batch sees it, without copying.
func (b *Batch) Has(key []byte) (bool, error) {
	_, closer, err := b.b.Get(key)
	if err == pebble.ErrNotFound {
		return false, nil
	}
	if err != nil {
		return false, pgerror.Wrapf(err, pgerror.SystemError, "storage: get")
	}
	_ = closer.Close()
	return true, nil
}

// Equal reports whether key holds exactly want (nil: key absent) as the
// batch sees it, without copying.
func (b *Batch) Equal(key, want []byte) (bool, error) {
	v, closer, err := b.b.Get(key)
	if err == pebble.ErrNotFound {
		return want == nil, nil
	}
	if err != nil {
		return false, pgerror.Wrapf(err, pgerror.SystemError, "storage: get")
	}
	eq := want != nil && string(v) == string(want)
	_ = closer.Close()
	return eq, nil
}

// Count returns the number of writes in the batch.
func (b *Batch) Count() uint32 { return b.b.Count() }

// Commit applies the batch; sync makes it durable before returning.
func (b *Batch) Commit(sync bool) error {
	opts := pebble.NoSync
	if sync {
		opts = pebble.Sync
	}
	if err := b.b.Commit(opts); err != nil {
		return pgerror.Wrapf(err, pgerror.SystemError, "storage: commit")
	}
	return nil
}

// Close releases the batch (committed or not).
func (b *Batch) Close() error { return b.b.Close() }

func wrapWrite(err error) error {
	if err != nil {
		return pgerror.Wrapf(err, pgerror.SystemError, "storage: batch write")
	}
	return nil
}

// NewIter returns an iterator over [lower, upper) of what the (indexed)
// batch sees: its writes so far over the committed store.
func (b *Batch) NewIter(lower, upper []byte) (*Iter, error) {
	it, err := b.b.NewIter(&pebble.IterOptions{LowerBound: lower, UpperBound: upper})
	if err != nil {
		return nil, pgerror.Wrapf(err, pgerror.SystemError, "storage: new iterator")
	}
	return &Iter{it: it}, nil
}
