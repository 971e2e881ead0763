package storage

import (
	"errors"
	"io"

	"github.com/cockroachdb/pebble/v2"
	"github.com/cockroachdb/pebble/v2/vfs"
	"github.com/quiverdb/quiver/internal/pgerror"
)

// ErrNotFound is returned by Get when a key is absent.
var ErrNotFound = errors.New("storage: key not found")

// Sizes of the node's Pebble instance (a 2-core, 24 GiB machine).
const (
	blockCacheSize = 512 << 20
	memTableSize   = 64 << 20
	scanBlockSize  = 32 << 10
)

// Engine is the node's Pebble store, shared by every shard replica.
type Engine struct {
	db *pebble.DB
}

// Open opens (creating if needed) the store in dir.
func Open(dir string) (*Engine, error) {
	return OpenFS(dir, vfs.Default)
}

// OpenFS opens the store in dir of fs (tests use vfs.NewCrashableMem to
// simulate losing unsynced writes).
func OpenFS(dir string, fs vfs.FS) (*Engine, error) {
	cache := pebble.NewCache(blockCacheSize)
	defer cache.Unref()
	opts := &pebble.Options{
		Cache:                       cache,
		MemTableSize:                memTableSize,
		MemTableStopWritesThreshold: 4,
		L0CompactionThreshold:       4,
		L0StopWritesThreshold:       24,
		MaxOpenFiles:                1000,
		Logger:                      quietLogger{},
		FS:                          fs,
	}
	opts.CompactionConcurrencyRange = func() (int, int) { return 1, 2 }
	// Scans read whole shards: 32 KiB blocks halve the per-block work of
	// a sequential scan compared with the 4 KiB default.
	for i := range opts.Levels {
		opts.Levels[i].BlockSize = scanBlockSize
	}
	db, err := pebble.Open(dir, opts)
	if err != nil {
		return nil, pgerror.Wrapf(err, pgerror.SystemError, "storage: open %s", dir)
	}
	return &Engine{db: db}, nil
}

// Close closes the store. Open snapshots and iterators must be closed first.
func (e *Engine) Close() error {
	return e.db.Close()
}

// Get returns a copy of the value of key, or ErrNotFound.
func (e *Engine) Get(key []byte) ([]byte, error) {
	return getCopy(e.db, key)
}

// NewBatch returns an indexed batch: its Get sees its own writes over the
// store's committed state.
func (e *Engine) NewBatch() *Batch {
	return &Batch{b: e.db.NewIndexedBatch()}
}

// NewWriteBatch returns a write-only batch (its Get must not be used).
func (e *Engine) NewWriteBatch() *Batch {
	return &Batch{b: e.db.NewBatch()}
}

// NewSnapshot returns a consistent view of the store; Close it after use.
func (e *Engine) NewSnapshot() *Snapshot {
	return &Snapshot{s: e.db.NewSnapshot()}
}

// NewIter returns an iterator over [lower, upper) of the live store.
func (e *Engine) NewIter(lower, upper []byte) (*Iter, error) {
	it, err := e.db.NewIter(&pebble.IterOptions{LowerBound: lower, UpperBound: upper})
	if err != nil {
		return nil, pgerror.Wrapf(err, pgerror.SystemError, "storage: new iterator")
	}
	return &Iter{it: it}, nil
}

// Sync makes every write committed so far durable (it syncs the WAL).
func (e *Engine) Sync() error {
	if err := e.db.LogData(nil, pebble.Sync); err != nil {
		return pgerror.Wrapf(err, pgerror.SystemError, "storage: sync")
	}
	return nil
}

// Flush flushes the memtables to sstables.
func (e *Engine) Flush() error {
	if err := e.db.Flush(); err != nil {
		return pgerror.Wrapf(err, pgerror.SystemError, "storage: flush")
	}
	return nil
}

type getter interface {
	Get(key []byte) ([]byte, io.Closer, error)
}

func getCopy(g getter, key []byte) ([]byte, error) {
	v, closer, err := g.Get(key)
	if errors.Is(err, pebble.ErrNotFound) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, pgerror.Wrapf(err, pgerror.SystemError, "storage: get")
	}
	out := append([]byte(nil), v...)
	_ = closer.Close()
	return out, nil
}

// quietLogger drops Pebble's informational logs and keeps its errors.
type quietLogger struct{}

func (quietLogger) Infof(string, ...any) {}
func (quietLogger) Errorf(format string, args ...any) {
	pebble.DefaultLogger.Errorf(format, args...)
}
func (quietLogger) Fatalf(format string, args ...any) {
	pebble.DefaultLogger.Fatalf(format, args...)
}
