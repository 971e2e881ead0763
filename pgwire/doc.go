// Package pgwire is Quiver's PostgreSQL wire protocol (v3.0) server. It
// owns client sockets, the startup handshake (SSL/GSSENC refusal, trust
// authentication, ParameterStatus, BackendKeyData), CancelRequest routing,
// the simple and extended query protocols, portals' result formats and the
// encoding of Arrow batches into DataRow messages.
//
// Everything a statement means belongs to package sql: pgwire hands query
// strings and bound parameters to an sql.Session and implements the
// sql.ResultWriter interfaces to stream results back.
//
// Invariants:
//   - One goroutine serves each connection; only that goroutine writes to
//     the client socket. Shutdown and CancelRequest act on a session only
//     through context cancellation and read deadlines.
//   - No input from a client can panic the server: every message length is
//     checked against Config.MaxMessageSize before any buffer is allocated,
//     and every message body is validated before it is decoded. A malformed
//     message ends only its own session, with a FATAL 08P01.
//   - Every error sent to a client carries the SQLSTATE attached where the
//     error was born (pgerror.Flatten); pgwire never maps errors to codes.
//   - After an error in an extended-protocol message, every message up to
//     the next Sync is discarded.
//   - Unnamed statements and portals are replaced by the next Parse/Bind;
//     all portals are closed when a Sync or Query leaves the transaction
//     idle.
//   - COPY's data moves on the connection's goroutine: sql reads CopyData
//     through the statement's writer (handle_copy.go). Flush and Sync are
//     ignored during COPY FROM STDIN, and CopyData, CopyDone and CopyFail
//     outside COPY are ignored, so a failed COPY's remaining data is
//     skipped.
package pgwire
