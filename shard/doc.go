// Package shard owns the data shards' replicas: the dragonboat on-disk
// state machine that applies write commands to the node's shared Engine,
// the binary command encoding, and Local, the Service that proposes
// writes and runs read fragments over a replica's data.
//
// Flow of a write: Local.Write encodes the WriteCommand (EncodeCommand),
// proposes it with SyncPropose on a no-op session, and the state machine's
// Update decodes each committed entry and calls apply, which checks every
// op's precondition, then writes the ops and the applied index into one
// Pebble batch. The result (ok, duplicate key at op i, conflict at op i)
// travels back as sm.Result.Value = op<<3 | kind.
//
// Idempotent writes: a command may carry a request identity (Client,
// Seq). apply keeps, per client id, the last applied sequence number and
// its result in the shard's dedup table (dedup.go); a repeat answers the
// remembered result and an older sequence number writes nothing, so a
// gateway may re-send a write whose outcome it does not know.
//
// Flow of a read: Local.Query runs SyncRead (ReadIndex) so the replica has
// applied everything committed before the read, takes an Engine snapshot,
// and builds the fragment with exec.Build; its scans decode the shard's
// rows straight from the snapshot into Arrow builders.
//
// Invariants:
//   - apply is deterministic: it reads only the batch and its arguments
//     (no clock, no randomness), so every replica writes the same bytes.
//   - A command applies all of its ops or none; the applied index
//     advances either way, in the same batch as the data.
//   - A command with a request identity applies at most once: its dedup
//     record is written in the same batch as its data and the applied
//     index, and travels in snapshots (recovery replaces the table).
//   - Update commits without sync (the Raft log is the durability);
//     Sync syncs Pebble and records the applied index as the durable
//     floor. Open returns exactly the stored applied index and refuses to
//     start when it is below that floor (dragonboat issues #156, #369,
//     #410 are what running with such a gap does).
//   - A snapshot is one range scan of the shard's data span; recovery is
//     one range deletion of it followed by the snapshot's rows, with the
//     applied index cleared first and written last.
package shard
