package storage

import "encoding/binary"

// Key kinds: the first byte of every key.
const (
	kindLocal byte = 's'
	kindData  byte = 't'
)

// Shard-local key suffixes.
const (
	localApplied byte = 'a'
	localFloor   byte = 'f'
)

// PrimaryIndexID is the index ID of every table's primary index.
const PrimaryIndexID uint32 = 1

// shardPrefixLen is the length of kind | shardID.
const shardPrefixLen = 9

// tablePrefixLen is the length of tableID | indexID in a table key.
const tablePrefixLen = 8

// DataPrefix appends 't' | shardID: the prefix of the shard's data keys.
func DataPrefix(buf []byte, shard uint64) []byte {
	buf = append(buf, kindData)
	return binary.BigEndian.AppendUint64(buf, shard)
}

// DataKey appends the shard's data key of tableKey.
func DataKey(buf []byte, shard uint64, tableKey []byte) []byte {
	return append(DataPrefix(buf, shard), tableKey...)
}

// TableKeyOf returns the table key inside a data key.
func TableKeyOf(dataKey []byte) []byte { return dataKey[shardPrefixLen:] }

// ShardDataSpan returns [start, end) of every data key of shard.
func ShardDataSpan(shard uint64) (start, end []byte) {
	start = DataPrefix(nil, shard)
	return start, prefixEnd(start)
}

// TableSpan returns [start, end) of shard's keys of table's index.
func TableSpan(shard uint64, table, index uint32) (start, end []byte) {
	start = DataPrefix(nil, shard)
	start = binary.BigEndian.AppendUint32(start, table)
	start = binary.BigEndian.AppendUint32(start, index)
	return start, prefixEnd(start)
}

// TableAllIndexesSpan returns [start, end) of all of shard's keys of table.
func TableAllIndexesSpan(shard uint64, table uint32) (start, end []byte) {
	start = DataPrefix(nil, shard)
	start = binary.BigEndian.AppendUint32(start, table)
	return start, prefixEnd(start)
}

// AppliedIndexKey is the shard-local key of shard's applied Raft index.
func AppliedIndexKey(shard uint64) []byte { return localKey(shard, localApplied) }

// FloorIndexKey is the shard-local key of shard's durable floor: the
// applied index at its last Sync or snapshot recovery.
func FloorIndexKey(shard uint64) []byte { return localKey(shard, localFloor) }

// ShardLocalSpan returns [start, end) of shard's local keys.
func ShardLocalSpan(shard uint64) (start, end []byte) {
	start = binary.BigEndian.AppendUint64([]byte{kindLocal}, shard)
	return start, prefixEnd(start)
}

func localKey(shard uint64, suffix byte) []byte {
	k := binary.BigEndian.AppendUint64(make([]byte, 0, 10), shard)
	return append(append([]byte{kindLocal}, k...), suffix)
}

// EncodeUint64 returns v as 8 bytes big endian (the applied index value).
func EncodeUint64(v uint64) []byte { return binary.BigEndian.AppendUint64(nil, v) }

// DecodeUint64 decodes EncodeUint64; ok is false if b is malformed.
func DecodeUint64(b []byte) (v uint64, ok bool) {
	if len(b) != 8 {
		return 0, false
	}
	return binary.BigEndian.Uint64(b), true
}

// prefixEnd returns the smallest key greater than every key with prefix p.
func prefixEnd(p []byte) []byte {
	end := append([]byte(nil), p...)
	for i := len(end) - 1; i >= 0; i-- {
		end[i]++
		if end[i] != 0 {
			return end[:i+1]
		}
	}
	return nil // p is all 0xff: no upper bound
}
