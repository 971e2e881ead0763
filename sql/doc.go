// Package sql owns parsing, binding, sessions, transactions and the
// gateway coordinator.
//
// A statement flows parse (pg_query) → bind (names resolved against a
// catalog snapshot, types checked with PostgreSQL's rules, parameters
// inferred) → a bound statement → execution: DDL through meta.Service,
// writes encoded with storage and sent per shard through shard.Service,
// queries planned by planner and run with exec over the shards' streams.
//
// Invariants:
//   - The system catalogs (pg_catalog.pg_type, pg_class, ...,
//     information_schema.tables/columns; pgcatalog*.go) are generated at
//     bind time from the catalog snapshot and the session and read as a
//     Values leaf: never stored, never sent to a shard. pg_catalog is
//     searched before public, and the catalogs cannot be written.
//     pg_class.oid is the table id, and attnum its column position + 1.
//   - No pg_query type leaves this package: the parse tree is converted
//     into bound statements at the edge.
//   - Every error returned to pgwire carries a SQLSTATE (pgerror), with a
//     1-based character position when PostgreSQL reports one.
//   - A bound statement is immutable once built: executing it substitutes
//     parameters into copies, so a prepared statement can run many times.
//   - sql never imports pgwire: results go through ResultWriter.
//   - The fast INSERT ... VALUES parser (parse_fast.go) builds exactly the
//     tree pg_query would, or declines and leaves the text to pg_query.
//   - Functions and CASE/COALESCE/GREATEST resolve their types with
//     PostgreSQL's rules (func_resolve.go, type_common.go); only functions
//     exec implements are bound.
//   - A bound SELECT carries a generic distributed plan when one exists;
//     executing a prepared statement substitutes parameters into it and
//     never re-plans while the catalog version is unchanged.
//   - Prepared statements live in the Session, one namespace for protocol
//     Parse and SQL PREPARE (EXECUTE/DEALLOCATE reach both), as in
//     PostgreSQL. SQL cursors (DECLARE) materialize their query when
//     declared, scan forward only, and close at their transaction's end
//     unless WITH HOLD.
//   - Constants are canonical UTC text; the session TimeZone applies only
//     where PostgreSQL reads or writes wall-clock time: zone-less
//     timestamptz literals, casts of constants between timestamptz and
//     timestamp/date/text, current_date/localtimestamp, and pgwire's text
//     output (Session.Location). Casts of column values run in exec,
//     which assumes UTC.
//   - COPY FROM STDIN (copy_*.go) writes through the INSERT path in
//     per-shard batches sent while the data streams in; a failure undoes
//     every batch already written, so a COPY applies completely or not
//     at all. Its fast input paths (copy_fastparse.go) return exactly what
//     the types' input functions return, or decline.
package sql
