package sql

import (
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/meta"
	"github.com/quiverdb/quiver/planner"
)

// boundStmt is a statement after binding, ready to execute.
type boundStmt interface {
	// columns returns the result columns, nil when there are none.
	columns() []Column
}

// selectStmt is a query.
type selectStmt struct {
	plan planner.Node // logical plan, parameters not yet substituted
	cols []Column
	// generic is plan optimized and distributed with its parameters in
	// place, reused by every execution (nil when planning needs the
	// parameters' values, e.g. LIMIT $1, or failed: then each execution
	// plans, and reports the error).
	generic *execpb.Plan
}

// insertStmt inserts rows. rows hold one expression per stored column
// (hidden rowid excluded: nil there), already cast to the column types.
// consts holds, for each row whose values are all known at bind time,
// those values (nil for NULL and the rowid), and rows then holds nil;
// consts is nil for the other rows. Both are shared by every execution
// of a prepared statement: copied, never written.
type insertStmt struct {
	table  *planner.Table
	rows   [][]*execpb.Expr
	consts [][]types.Datum
}

// updateStmt changes the rows of table where filter holds: sets maps a
// column position to its new value's expression over the old row.
type updateStmt struct {
	table  *planner.Table
	filter *execpb.Expr
	sets   map[int]*execpb.Expr
}

// deleteStmt deletes the rows of table where filter holds.
type deleteStmt struct {
	table  *planner.Table
	filter *execpb.Expr
}

// ddlStmt is a catalog change proposed to the meta shard.
type ddlStmt struct {
	cmds []*meta.Command
	tag  string
}

// setStmt is SET, RESET and SET TIME ZONE.
type setStmt struct {
	name  string
	value string
	reset bool // RESET name, or SET name TO DEFAULT
	all   bool // RESET ALL
	// resetCmd is a RESET statement (tag RESET), not SET ... TO DEFAULT.
	resetCmd bool
}

// showStmt is SHOW name.
type showStmt struct{ name string }

// txnKind is a transaction control statement.
type txnKind uint8

const (
	txnBegin txnKind = iota
	txnCommit
	txnRollback
	txnSavepoint
	txnRelease
	txnRollbackTo
)

// txnStmt is BEGIN, COMMIT, ROLLBACK, or a savepoint statement naming
// savepoint.
type txnStmt struct {
	kind      txnKind
	savepoint string
}

// emptyStmt is an empty query string.
type emptyStmt struct{}

func (s *selectStmt) columns() []Column { return s.cols }
func (*insertStmt) columns() []Column   { return nil }
func (*updateStmt) columns() []Column   { return nil }
func (*deleteStmt) columns() []Column   { return nil }
func (*ddlStmt) columns() []Column      { return nil }
func (*setStmt) columns() []Column      { return nil }
func (s *showStmt) columns() []Column {
	return []Column{{Name: showName(s.name), Type: types.TextType}}
}
func (*txnStmt) columns() []Column   { return nil }
func (*emptyStmt) columns() []Column { return nil }
