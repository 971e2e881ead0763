// Package shardrpc carries shard.Service between nodes over Arrow Flight
// (gRPC). A Server exposes a node's shard.Service; a Client dialled to it
// implements shard.Service, so a gateway calls a remote shard exactly as it
// calls a local one.
//
// The mapping onto Flight:
//   - Query is DoGet. The ticket is a version byte, the shard id (uvarint)
//     and the fragment encoded as JSON (execpb is plain data).
//     The server streams the fragment's output as Arrow IPC record batches;
//     the client surfaces it as an exec.Operator (an inbox).
//   - Write is DoAction of type ActionWrite. The body is the shard id
//     (uvarint) followed by shard.EncodeCommand's encoding.
//   - Other DoAction types are served by handlers registered with
//     Server.Handle (the node's meta and membership actions); Client.Call
//     (or Pool.Call) performs one and returns the handler's reply.
//   - An error crosses as a gRPC status whose details hold one
//     errdetails.ErrorInfo (domain ErrorDomain) with the SQLSTATE, message,
//     detail and hint as separate fields, and the Op index of a
//     *shard.DuplicateKeyError or *shard.ConflictError.
//
// Invariants:
//   - The server sends the stream's schema before the fragment's first
//     batch (as a zero-row batch the client drops), so Query returns as soon
//     as the remote operator is open, and an error raised by Query or Open
//     on the remote side is returned by Query itself.
//   - A stream never ends cleanly after an error: the server never writes
//     an end-of-stream marker, so an error mid-stream reaches the client's
//     Next, never a silent truncation.
//   - Every error a Client returns carries a SQLSTATE: the remote one, or
//     57014 when the caller cancelled, 08006 when a query's transport
//     failed, and 40003 (completion unknown) when a write's transport failed
//     before its outcome was known.
//   - Server.Stop cancels every in-flight call and returns only after
//     every handler has returned and closed its operator.
package shardrpc
