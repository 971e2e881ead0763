package shard

import (
	"encoding/binary"
	"errors"

	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/storage"
)

// The dedup table makes retried proposals idempotent. For each client id
// it holds the last sequence number applied for that client and the
// result it got:
//
//	key   's' | shard | 'c' | client (8 bytes big endian)
//	value seq (8 bytes) | encoded result (8 bytes)
//
// The keys sit in the shard's local span (next to its applied index),
// are written in the same batch as the data and the applied index, and
// travel in the shard's snapshots.
//
// A client proposes one command at a time, with increasing sequence
// numbers, so "last applied" is enough to classify a command:
//
//	seq >  last: new; apply it and remember (seq, result)
//	seq == last: a repeat; answer the remembered result, write nothing
//	seq <  last: stale (the client gave up on it and moved on); write
//	             nothing and answer resultStale
//
// Request identities rather than dragonboat client sessions: sessions
// must be registered and unregistered through Raft per shard, expire
// from an LRU table that lives only in dragonboat's snapshot and not in
// our Pebble state, and are tied to one shard while a gateway's write
// may go to any shard. A gateway-random client id needs no round trip.
//
// The table holds one record per client id that ever wrote to the shard:
// a gateway's router creates as many ids as it ran writes at once, and
// new ones when its process restarts.
// TODO(#3): expire records of client ids idle for long (the command
// would carry the proposer's clock, so that apply stays deterministic).
const sessionSuffix byte = 'c'

const sessionValueLen = 16

var errBadSession = pgerror.New(pgerror.DataCorrupted, "shard: malformed dedup record")

// session is one client's dedup record.
type session struct {
	seq uint64
	res result
}

// sessionPrefix appends 's' | shard | 'c'.
func sessionPrefix(buf []byte, shard uint64) []byte {
	start, _ := storage.ShardLocalSpan(shard)
	return append(append(buf, start...), sessionSuffix)
}

// sessionKey appends client's dedup key in shard.
func sessionKey(buf []byte, shard, client uint64) []byte {
	return binary.BigEndian.AppendUint64(sessionPrefix(buf, shard), client)
}

// sessionSpan returns [start, end) of shard's dedup keys.
func sessionSpan(shard uint64) (start, end []byte) {
	start = sessionPrefix(nil, shard)
	end = append(append([]byte(nil), start[:len(start)-1]...), sessionSuffix+1)
	return start, end
}

func (s session) encode(buf []byte) []byte {
	buf = binary.BigEndian.AppendUint64(buf, s.seq)
	return binary.BigEndian.AppendUint64(buf, s.res.value())
}

func decodeSession(v []byte) (session, error) {
	if len(v) != sessionValueLen {
		return session{}, errBadSession
	}
	return session{seq: binary.BigEndian.Uint64(v), res: resultOf(binary.BigEndian.Uint64(v[8:]))}, nil
}

// lookupSession reads client's record as b sees it; ok is false when the
// client has none.
func lookupSession(b *storage.Batch, shard, client uint64, sc *applyScratch) (session, bool, error) {
	sc.key = sessionKey(sc.key[:0], shard, client)
	v, err := b.Get(sc.key)
	if errors.Is(err, storage.ErrNotFound) {
		return session{}, false, nil
	}
	if err != nil {
		return session{}, false, err
	}
	s, err := decodeSession(v)
	return s, err == nil, err
}

// seenBefore reports whether cmd is a repeat or stale for its client and,
// if so, the answer it gets.
func seenBefore(b *storage.Batch, shard uint64, cmd *WriteCommand, sc *applyScratch) (result, bool, error) {
	last, ok, err := lookupSession(b, shard, cmd.Client, sc)
	switch {
	case err != nil || !ok || cmd.Seq > last.seq:
		return result{}, false, err
	case cmd.Seq == last.seq:
		return last.res, true, nil
	}
	return result{kind: resultStale}, true, nil
}

// recordSession remembers (cmd.Seq, res) as cmd's client's last request.
func recordSession(b *storage.Batch, shard uint64, cmd *WriteCommand, res result, sc *applyScratch) error {
	sc.key = sessionKey(sc.key[:0], shard, cmd.Client)
	var v [sessionValueLen]byte
	return b.Set(sc.key, session{seq: cmd.Seq, res: res}.encode(v[:0]))
}
