package shard

import (
	"bufio"
	"encoding/binary"
	"errors"
	"io"

	sm "github.com/lni/dragonboat/v4/statemachine"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/storage"
)

// Snapshot stream format:
//
//	magic "QVS2" | uvarint applied index | record... | 0x00 | uvarint count
//	  | uvarint len(sessions) | session...
//	record  = uvarint len(tableKey) (> 0) | tableKey | uvarint len(value) | value
//	session = uvarint client | 16-byte dedup value (dedup.go)
//
// Keys are table keys (no shard prefix): one range scan of the shard's
// data span produces them in order; a second scan of its dedup span
// produces the sessions. Version 1 streams ("QVS1") have no session
// section and still recover.
const (
	snapshotMagic   = "QVS2"
	snapshotMagicV1 = "QVS1"
)

// recoverBatchBytes bounds the size of one batch while recovering.
const recoverBatchBytes = 16 << 20

// stopCheckEvery is how many records pass between checks of the stop
// channel.
const stopCheckEvery = 4096

var errBadSnapshot = pgerror.New(pgerror.DataCorrupted, "shard: malformed snapshot stream")

// PrepareSnapshot implements sm.IOnDiskStateMachine: it takes a Pebble
// snapshot, which SaveSnapshot streams while Update goes on.
func (s *stateMachine) PrepareSnapshot() (any, error) {
	return s.eng.NewSnapshot(), nil
}

// SaveSnapshot implements sm.IOnDiskStateMachine.
func (s *stateMachine) SaveSnapshot(ctx any, w io.Writer, done <-chan struct{}) error {
	snap, ok := ctx.(*storage.Snapshot)
	if !ok {
		return pgerror.AssertionFailedf("snapshot context is %T", ctx)
	}
	defer snap.Close()
	return writeSnapshot(snap, s.shard, w, done)
}

func writeSnapshot(snap *storage.Snapshot, shard uint64, w io.Writer, done <-chan struct{}) error {
	applied := uint64(0)
	if v, err := snap.Get(storage.AppliedIndexKey(shard)); err == nil {
		applied, _ = storage.DecodeUint64(v)
	} else if err != storage.ErrNotFound {
		return err
	}
	bw := bufio.NewWriterSize(w, 256<<10)
	buf := binary.AppendUvarint([]byte(snapshotMagic), applied)
	if _, err := bw.Write(buf); err != nil {
		return err
	}
	count, err := writeRecords(snap, shard, bw, done)
	if err != nil {
		return err
	}
	buf = binary.AppendUvarint(append(buf[:0], 0), count)
	if _, err := bw.Write(buf); err != nil {
		return err
	}
	if err := writeSessions(snap, shard, bw); err != nil {
		return err
	}
	return bw.Flush()
}

// writeSessions writes the shard's dedup records: their count, then each
// one. The table is small (one record per gateway client id), so it is
// read once to count it.
func writeSessions(snap *storage.Snapshot, shard uint64, bw *bufio.Writer) error {
	start, end := sessionSpan(shard)
	it, err := snap.NewIter(start, end)
	if err != nil {
		return err
	}
	var buf []byte
	n := uint64(0)
	for ok := it.First(); ok; ok = it.Next() {
		v, err := it.Value()
		if err != nil || len(it.Key()) != len(start)+8 || len(v) != sessionValueLen {
			it.Close()
			return errors.Join(err, errBadSession)
		}
		buf = binary.AppendUvarint(buf, binary.BigEndian.Uint64(it.Key()[len(start):]))
		buf = append(buf, v...)
		n++
	}
	if err := it.Close(); err != nil {
		return err
	}
	bw.Write(binary.AppendUvarint(nil, n))
	_, err = bw.Write(buf)
	return err
}

func writeRecords(snap *storage.Snapshot, shard uint64, bw *bufio.Writer, done <-chan struct{}) (uint64, error) {
	start, end := storage.ShardDataSpan(shard)
	it, err := snap.NewIter(start, end)
	if err != nil {
		return 0, err
	}
	var count uint64
	var hdr []byte
	for ok := it.First(); ok; ok = it.Next() {
		if count%stopCheckEvery == 0 && stopped(done) {
			it.Close()
			return 0, sm.ErrSnapshotStopped
		}
		v, err := it.Value()
		if err != nil {
			it.Close()
			return 0, err
		}
		key := storage.TableKeyOf(it.Key())
		hdr = binary.AppendUvarint(hdr[:0], uint64(len(key)))
		bw.Write(hdr)
		bw.Write(key)
		hdr = binary.AppendUvarint(hdr[:0], uint64(len(v)))
		bw.Write(hdr)
		if _, err := bw.Write(v); err != nil {
			it.Close()
			return 0, err
		}
		count++
	}
	return count, it.Close()
}

func stopped(done <-chan struct{}) bool {
	select {
	case <-done:
		return true
	default:
		return false
	}
}

// RecoverFromSnapshot implements sm.IOnDiskStateMachine: one range
// deletion of the shard's data, then the snapshot's rows. The applied
// index is cleared first and written last, both synced, so a crash midway
// reopens at index 0 and dragonboat recovers from the snapshot again.
func (s *stateMachine) RecoverFromSnapshot(r io.Reader, done <-chan struct{}) error {
	br := bufio.NewReaderSize(r, 256<<10)
	applied, version, err := readSnapshotHeader(br)
	if err != nil {
		return err
	}
	if err := s.clearForRecovery(); err != nil {
		return err
	}
	if err := s.loadRecords(br, done); err != nil {
		return err
	}
	if version >= 2 {
		if err := s.loadSessions(br); err != nil {
			return err
		}
	}
	b := s.eng.NewWriteBatch()
	defer b.Close()
	idx := storage.EncodeUint64(applied)
	if err := b.Set(storage.AppliedIndexKey(s.shard), idx); err != nil {
		return err
	}
	if err := b.Set(storage.FloorIndexKey(s.shard), idx); err != nil {
		return err
	}
	if err := b.Commit(true /* sync */); err != nil {
		return err
	}
	s.applied.set(applied)
	return nil
}

// readSnapshotHeader returns the stream's applied index and version.
func readSnapshotHeader(br *bufio.Reader) (uint64, int, error) {
	magic := make([]byte, len(snapshotMagic))
	if _, err := io.ReadFull(br, magic); err != nil {
		return 0, 0, errBadSnapshot
	}
	version := 2
	switch string(magic) {
	case snapshotMagic:
	case snapshotMagicV1:
		version = 1
	default:
		return 0, 0, errBadSnapshot
	}
	applied, err := binary.ReadUvarint(br)
	if err != nil {
		return 0, 0, errBadSnapshot
	}
	return applied, version, nil
}

// loadSessions writes the snapshot's dedup records.
func (s *stateMachine) loadSessions(br *bufio.Reader) error {
	n, err := binary.ReadUvarint(br)
	if err != nil || n > 1<<32 {
		return errBadSnapshot
	}
	b := s.eng.NewWriteBatch()
	defer b.Close()
	var v [sessionValueLen]byte
	for range n {
		client, err := binary.ReadUvarint(br)
		if err != nil {
			return errBadSnapshot
		}
		if _, err := io.ReadFull(br, v[:]); err != nil {
			return errBadSnapshot
		}
		if err := b.Set(sessionKey(nil, s.shard, client), v[:]); err != nil {
			return err
		}
	}
	return b.Commit(false /* sync */)
}

func (s *stateMachine) clearForRecovery() error {
	b := s.eng.NewWriteBatch()
	defer b.Close()
	start, end := storage.ShardDataSpan(s.shard)
	if err := b.DeleteRange(start, end); err != nil {
		return err
	}
	sstart, send := sessionSpan(s.shard)
	if err := b.DeleteRange(sstart, send); err != nil {
		return err
	}
	if err := b.Delete(storage.AppliedIndexKey(s.shard)); err != nil {
		return err
	}
	if err := b.Delete(storage.FloorIndexKey(s.shard)); err != nil {
		return err
	}
	return b.Commit(true /* sync */)
}

// loadRecords writes the snapshot's records in batches of bounded size.
func (s *stateMachine) loadRecords(br *bufio.Reader, done <-chan struct{}) error {
	b := s.eng.NewWriteBatch()
	defer func() { b.Close() }()
	var key, val []byte
	size, count := 0, uint64(0)
	for {
		if count%stopCheckEvery == 0 && stopped(done) {
			return sm.ErrSnapshotStopped
		}
		var err error
		if key, err = readChunk(br, key); err != nil {
			return err
		}
		if len(key) == 0 {
			break
		}
		if val, err = readChunk(br, val); err != nil {
			return err
		}
		if err := b.Set(storage.DataKey(nil, s.shard, key), val); err != nil {
			return err
		}
		count++
		if size += len(key) + len(val); size >= recoverBatchBytes {
			if err := b.Commit(false /* sync */); err != nil {
				return err
			}
			b.Close()
			b, size = s.eng.NewWriteBatch(), 0
		}
	}
	if want, err := binary.ReadUvarint(br); err != nil || want != count {
		return errBadSnapshot
	}
	return b.Commit(false /* sync */)
}

// readChunk reads a length-prefixed chunk into buf[:0].
func readChunk(br *bufio.Reader, buf []byte) ([]byte, error) {
	n, err := binary.ReadUvarint(br)
	if err != nil || n > 1<<30 {
		return nil, errBadSnapshot
	}
	if uint64(cap(buf)) < n {
		buf = make([]byte, n)
	}
	buf = buf[:n]
	if _, err := io.ReadFull(br, buf); err != nil {
		return nil, errBadSnapshot
	}
	return buf, nil
}
