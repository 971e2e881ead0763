package warm

import (
	_ "github.com/apache/arrow/go/v15/arrow/compute"
	_ "github.com/apache/arrow/go/v15/arrow/ipc"
	_ "github.com/cockroachdb/apd/v3"
	_ "github.com/cockroachdb/datadriven"
	_ "github.com/cockroachdb/pebble/v2"
	_ "github.com/jackc/pgproto3/v2"
	_ "github.com/jackc/pgx/v5"
	_ "github.com/jackc/pgx/v5/pgtype"
	_ "github.com/lni/dragonboat/v4"
	_ "github.com/pganalyze/pg_query_go/v5"
)
