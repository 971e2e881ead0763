// Package storage owns the node's Pebble store and the encoding of every
// key and value in it. One Engine (one Pebble instance) per node is shared
// by every data shard replica on the node.
//
// # Key layout
//
// Every key starts with a one-byte kind and the owning shard's ID (8 bytes,
// big endian), so that everything a shard holds is one contiguous span:
//
//	's' | shardID | suffix           shard-local keys (never replicated as data)
//	't' | shardID | tableKey         table data
//
// A tableKey is tableID (4 bytes BE) | indexID (4 bytes BE) | key columns,
// each order-preserving encoded by its type (no per-column tag: key columns
// are never NULL). The primary index has ID PrimaryIndexID. The value of a
// primary index key holds the row's non-key columns (EncodeValue).
//
// Shard-local suffixes: 'a' holds the applied Raft index (8 bytes BE),
// written in the same batch as the data it covers; 'f' holds the durable
// floor: the applied index at the last Sync or snapshot recovery, used to
// refuse starting with a gap.
//
// Order-preserving key encodings:
//
//	int2/int4/int8        2/4/8 bytes big endian with the sign bit flipped
//	float4/float8         4/8 bytes: IEEE bits, sign flipped for positives,
//	                      all bits inverted for negatives; -0 encodes as +0;
//	                      every NaN encodes as all ones (after +Inf)
//	bool                  one byte, 0 or 1
//	date                  int32, as int4
//	timestamp(tz)         int64 microseconds, as int8
//	text/varchar          bytes with 0x00 escaped as 0x00 0xff, then 0x00 0x01
//	numeric               a class byte (-Inf, negative, zero, positive, +Inf,
//	                      NaN), then for non-zero finite values the decimal
//	                      exponent E of 0.d1d2...dn x 10^E (int4 encoding)
//	                      and the significant digits (d+1 each, trailing
//	                      zeros dropped) closed by 0x00; negative values
//	                      invert those bytes. Numeric key values therefore
//	                      lose their display scale: DecodeKey restores the
//	                      scale of numeric(p,s) columns; an unconstrained
//	                      numeric key column reads back without trailing
//	                      fractional zeros.
//
// # Values
//
// A value is a sequence of fields, one per non-NULL column, each a uvarint
// tag (columnID<<3 | wire type) followed by the payload: varint (zigzag
// ints, bools, dates, timestamps), fixed32 (float4 bits), fixed64 (float8
// bits) or length-prefixed bytes (text; numeric as its canonical decimal
// text). Readers skip fields of columns they do not know, so columns can be
// added without rewriting rows, and NULLs take no space.
//
// # Future MVCC and intents
//
// MVCC will append a fixed-length 12-byte trailer to data keys: wall time
// (8 bytes BE) and logical counter (4 bytes BE), both inverted so newer
// versions of a row sort first. Readers strip the last 12 bytes, so the
// encodings and order of existing key prefixes are unchanged. Rows written
// before MVCC are recognised by a per-shard format version kept under the
// shard-local suffix 'v' (absent today, meaning "no trailer"); the upgrade
// adds that record and rewrites no key. An intent of a multi-shard
// transaction will be the version whose trailer is all 0x00 bytes (sorting
// before every committed version of its row) and whose value carries the
// transaction ID and the provisional row, so a shard's replicated state
// stays the single span 't' | shardID.
//
// Invariants:
//   - A shard's applied index is written in the same batch as the data it
//     covers; a batch that applies a Raft entry always writes it.
//   - Key encodings of equal values are equal, and byte order of encoded
//     keys equals types.Compare order of the values they encode.
//   - This package imports nothing of Quiver's except internal/*.
package storage
