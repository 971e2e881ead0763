package shard

import "sync/atomic"

// appliedIndex is the last applied Raft index, read by Lookup concurrently
// with Update.
type appliedIndex struct{ v atomic.Uint64 }

func (a *appliedIndex) get() uint64  { return a.v.Load() }
func (a *appliedIndex) set(i uint64) { a.v.Store(i) }
