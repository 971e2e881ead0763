package storage

import (
	"github.com/cockroachdb/pebble/v2"
	"github.com/quiverdb/quiver/internal/pgerror"
)

// Snapshot is a consistent read-only view of the store.
type Snapshot struct {
	s *pebble.Snapshot
}

// Get returns a copy of key's value in the snapshot, or ErrNotFound.
func (s *Snapshot) Get(key []byte) ([]byte, error) {
	return getCopy(s.s, key)
}

// GetFunc calls fn with key's value in the snapshot (valid only during
// fn), or returns ErrNotFound. It does not copy the value.
func (s *Snapshot) GetFunc(key []byte, fn func(value []byte) error) error {
	v, closer, err := s.s.Get(key)
	if err == pebble.ErrNotFound {
		return ErrNotFound
	}
	if err != nil {
		return pgerror.Wrapf(err, pgerror.SystemError, "storage: get")
	}
	defer closer.Close()
	return fn(v)
}

// NewIter returns an iterator over [lower, upper) of the snapshot.
func (s *Snapshot) NewIter(lower, upper []byte) (*Iter, error) {
	it, err := s.s.NewIter(&pebble.IterOptions{LowerBound: lower, UpperBound: upper})
	if err != nil {
		return nil, pgerror.Wrapf(err, pgerror.SystemError, "storage: new iterator")
	}
	return &Iter{it: it}, nil
}

// Close releases the snapshot.
func (s *Snapshot) Close() error { return s.s.Close() }

// Iter walks keys in order within its bounds. Key and Value are valid until
// the next positioning call.
type Iter struct {
	it *pebble.Iterator
}

// First positions at the first key; it reports whether one exists.
func (i *Iter) First() bool { return i.it.First() }

// Next moves to the next key; it reports whether one exists.
func (i *Iter) Next() bool { return i.it.Next() }

// Valid reports whether the iterator is at a key.
func (i *Iter) Valid() bool { return i.it.Valid() }

// Key returns the current key.
func (i *Iter) Key() []byte { return i.it.Key() }

// Value returns the current value.
func (i *Iter) Value() ([]byte, error) {
	v, err := i.it.ValueAndErr()
	if err != nil {
		return nil, pgerror.Wrapf(err, pgerror.SystemError, "storage: read value")
	}
	return v, nil
}

// Error returns the iterator's accumulated error.
func (i *Iter) Error() error {
	if err := i.it.Error(); err != nil {
		return pgerror.Wrapf(err, pgerror.SystemError, "storage: iterate")
	}
	return nil
}

// Close releases the iterator and returns its error, if any.
func (i *Iter) Close() error {
	if err := i.it.Close(); err != nil {
		return pgerror.Wrapf(err, pgerror.SystemError, "storage: iterate")
	}
	return nil
}

// SeekGE positions at the first key >= key; it reports whether one exists.
func (i *Iter) SeekGE(key []byte) bool { return i.it.SeekGE(key) }
