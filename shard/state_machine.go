package shard

import (
	"fmt"

	sm "github.com/lni/dragonboat/v4/statemachine"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/storage"
)

// NewStateMachineFactory returns the dragonboat factory of data shard
// replicas, all stored in eng.
func NewStateMachineFactory(eng *storage.Engine) sm.CreateOnDiskStateMachineFunc {
	return func(shardID, replicaID uint64) sm.IOnDiskStateMachine {
		return &stateMachine{eng: eng, shard: shardID, replica: replicaID}
	}
}

// stateMachine is one data shard replica: its state is the shard's key
// span in the shared Engine. dragonboat never calls Update, Sync,
// PrepareSnapshot and RecoverFromSnapshot concurrently; Lookup and
// SaveSnapshot may run concurrently with Update and only read applied
// through its atomic copy or a Pebble snapshot.
type stateMachine struct {
	eng     *storage.Engine
	shard   uint64
	replica uint64
	applied appliedIndex
	cmd     WriteCommand
	scratch applyScratch
}

var _ sm.IOnDiskStateMachine = (*stateMachine)(nil)

// Open implements sm.IOnDiskStateMachine: it returns the applied index
// stored with the shard's data, refusing to start when it is below the
// durable floor recorded at the last Sync or snapshot recovery (the
// recovered data would have a gap).
func (s *stateMachine) Open(stopc <-chan struct{}) (uint64, error) {
	applied, err := readIndex(s.eng, storage.AppliedIndexKey(s.shard))
	if err != nil {
		return 0, err
	}
	floor, err := readIndex(s.eng, storage.FloorIndexKey(s.shard))
	if err != nil {
		return 0, err
	}
	if applied < floor {
		return 0, pgerror.Newf(pgerror.DataCorrupted,
			"shard %d replica %d: stored applied index %d is below the synced index %d: data lost, refusing to start",
			s.shard, s.replica, applied, floor)
	}
	s.applied.set(applied)
	return applied, nil
}

// readIndex reads a shard-local index key, 0 when absent.
func readIndex(eng *storage.Engine, key []byte) (uint64, error) {
	v, err := eng.Get(key)
	if err == storage.ErrNotFound {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	idx, ok := storage.DecodeUint64(v)
	if !ok {
		return 0, pgerror.Newf(pgerror.DataCorrupted, "malformed index record %x", v)
	}
	return idx, nil
}

// Update implements sm.IOnDiskStateMachine: it applies entries in one
// batch, committed without sync (the Raft log is durable).
func (s *stateMachine) Update(entries []sm.Entry) ([]sm.Entry, error) {
	b := s.eng.NewBatch()
	defer b.Close()
	for i := range entries {
		e := &entries[i]
		res, err := s.applyEntry(b, e)
		if err != nil {
			return nil, err
		}
		e.Result = res.encode()
	}
	if err := b.Commit(false /* sync */); err != nil {
		return nil, err
	}
	if n := len(entries); n > 0 {
		s.applied.set(entries[n-1].Index)
	}
	return entries, nil
}

func (s *stateMachine) applyEntry(b *storage.Batch, e *sm.Entry) (result, error) {
	if err := DecodeCommand(e.Cmd, &s.cmd); err != nil {
		// A malformed command still advances the applied index.
		empty := WriteCommand{}
		if _, err := apply(b, s.shard, e.Index, &empty, &s.scratch); err != nil {
			return result{}, err
		}
		return result{kind: resultBadCommand}, nil
	}
	return apply(b, s.shard, e.Index, &s.cmd, &s.scratch)
}

// Lookup implements sm.IOnDiskStateMachine. Any query returns the applied
// index: Local.Query calls it through SyncRead to wait until the replica
// has applied everything committed before the read, then reads a Pebble
// snapshot.
func (s *stateMachine) Lookup(query any) (any, error) {
	return s.applied.get(), nil
}

// Sync implements sm.IOnDiskStateMachine: it makes every applied entry
// durable and records the applied index as the durable floor.
func (s *stateMachine) Sync() error {
	return writeFloor(s.eng, s.shard, s.applied.get())
}

func writeFloor(eng *storage.Engine, shard, index uint64) error {
	b := eng.NewWriteBatch()
	defer b.Close()
	if err := b.Set(storage.FloorIndexKey(shard), storage.EncodeUint64(index)); err != nil {
		return err
	}
	return b.Commit(true /* sync */)
}

// Close implements sm.IOnDiskStateMachine. The Engine is the node's and
// outlives the replica.
func (s *stateMachine) Close() error { return nil }

func (s *stateMachine) String() string {
	return fmt.Sprintf("shard %d replica %d", s.shard, s.replica)
}
