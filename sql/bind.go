package sql

import (
	"strconv"
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v5"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/meta"
)

// bind binds one parsed statement for database db.
func (b *binder) bind(n *pg_query.Node, db uint32) (boundStmt, error) {
	switch {
	case n.GetSelectStmt() != nil:
		return b.bindSelect(n.GetSelectStmt())
	case n.GetInsertStmt() != nil:
		return b.bindInsert(n.GetInsertStmt())
	case n.GetUpdateStmt() != nil:
		return b.bindUpdate(n.GetUpdateStmt())
	case n.GetDeleteStmt() != nil:
		return b.bindDelete(n.GetDeleteStmt())
	case n.GetCreateStmt() != nil:
		return b.bindCreateTable(n.GetCreateStmt(), db)
	case n.GetDropStmt() != nil:
		return b.bindDrop(n.GetDropStmt(), db)
	case n.GetCreatedbStmt() != nil:
		return &ddlStmt{cmds: []*meta.Command{{CreateDatabase: &meta.CreateDatabase{Name: n.GetCreatedbStmt().Dbname}}}, tag: "CREATE DATABASE"}, nil
	case n.GetDropdbStmt() != nil:
		d := n.GetDropdbStmt()
		if d.Dbname == b.vars.database() {
			return nil, pgerror.New(pgerror.ObjectInUse, "cannot drop the currently open database")
		}
		return &ddlStmt{cmds: []*meta.Command{{DropDatabase: &meta.DropDatabase{Name: d.Dbname, IfExists: d.MissingOk}}}, tag: "DROP DATABASE"}, nil
	case n.GetVariableSetStmt() != nil:
		return bindSet(n.GetVariableSetStmt())
	case n.GetVariableShowStmt() != nil:
		return bindShow(n.GetVariableShowStmt())
	case n.GetTransactionStmt() != nil:
		return bindTxn(n.GetTransactionStmt())
	case n.GetCopyStmt() != nil:
		return b.bindCopy(n.GetCopyStmt())
	case n.GetPrepareStmt() != nil:
		return b.bindPrepare(n.GetPrepareStmt())
	case n.GetExecuteStmt() != nil:
		return b.bindExecute(n.GetExecuteStmt())
	case n.GetDeallocateStmt() != nil:
		return bindDeallocate(n.GetDeallocateStmt()), nil
	case n.GetDeclareCursorStmt() != nil:
		return b.bindDeclare(n.GetDeclareCursorStmt())
	case n.GetFetchStmt() != nil:
		return b.bindFetch(n.GetFetchStmt())
	case n.GetClosePortalStmt() != nil:
		return bindCloseCursor(n.GetClosePortalStmt()), nil
	case n.GetDiscardStmt() != nil:
		return bindDiscard(n.GetDiscardStmt())
	case n.GetExplainStmt() != nil:
		return b.bindExplain(n.GetExplainStmt(), db)
	}
	return nil, pgerror.Newf(pgerror.FeatureNotSupported, "statement %s is not supported", strings.TrimSuffix(nodeName(n), "Stmt"))
}

func bindSet(s *pg_query.VariableSetStmt) (boundStmt, error) {
	switch s.Kind {
	case pg_query.VariableSetKind_VAR_SET_VALUE:
		vals := make([]string, len(s.Args))
		for i, a := range s.Args {
			v, err := setArg(a)
			if err != nil {
				return nil, err
			}
			vals[i] = v
		}
		return &setStmt{name: strings.ToLower(s.Name), value: strings.Join(vals, ", ")}, nil
	case pg_query.VariableSetKind_VAR_SET_DEFAULT:
		return &setStmt{name: strings.ToLower(s.Name), reset: true}, nil
	case pg_query.VariableSetKind_VAR_RESET:
		return &setStmt{name: strings.ToLower(s.Name), reset: true, resetCmd: true}, nil
	case pg_query.VariableSetKind_VAR_RESET_ALL:
		return &setStmt{all: true, reset: true, resetCmd: true}, nil
	case pg_query.VariableSetKind_VAR_SET_MULTI:
		// SET TRANSACTION ... and SET SESSION CHARACTERISTICS: accepted.
		return &setStmt{}, nil
	}
	return nil, pgerror.New(pgerror.FeatureNotSupported, "SET FROM CURRENT is not supported")
}

// setArg renders one SET argument as the variable's text value.
func setArg(n *pg_query.Node) (string, error) {
	if tc := n.GetTypeCast(); tc != nil {
		if names := tc.TypeName.GetNames(); len(names) > 0 && names[len(names)-1].GetString_().GetSval() == "interval" {
			// SET TIME ZONE INTERVAL '...': checkTimeZone reads this form.
			s, err := setArg(tc.Arg)
			return "INTERVAL '" + strings.ReplaceAll(s, "'", "''") + "'", err
		}
		n = tc.Arg
	}
	c := n.GetAConst()
	switch {
	case c == nil:
		return "", pgerror.New(pgerror.SyntaxError, "SET requires constant values")
	case c.GetSval() != nil:
		return c.GetSval().Sval, nil
	case c.GetIval() != nil:
		return strconv.Itoa(int(c.GetIval().Ival)), nil
	case c.GetFval() != nil:
		return c.GetFval().Fval, nil
	case c.GetBoolval() != nil:
		if c.GetBoolval().Boolval {
			return "on", nil
		}
		return "off", nil
	}
	return "", pgerror.New(pgerror.SyntaxError, "SET requires constant values")
}

func bindShow(s *pg_query.VariableShowStmt) (boundStmt, error) {
	if strings.EqualFold(s.Name, "all") {
		return &showAllStmt{}, nil
	}
	return &showStmt{name: strings.ToLower(s.Name)}, nil
}

func bindTxn(s *pg_query.TransactionStmt) (boundStmt, error) {
	switch s.Kind {
	case pg_query.TransactionStmtKind_TRANS_STMT_BEGIN, pg_query.TransactionStmtKind_TRANS_STMT_START:
		return &txnStmt{kind: txnBegin}, nil
	case pg_query.TransactionStmtKind_TRANS_STMT_COMMIT:
		return &txnStmt{kind: txnCommit}, nil
	case pg_query.TransactionStmtKind_TRANS_STMT_ROLLBACK:
		return &txnStmt{kind: txnRollback}, nil
	case pg_query.TransactionStmtKind_TRANS_STMT_SAVEPOINT:
		return &txnStmt{kind: txnSavepoint, savepoint: s.SavepointName}, nil
	case pg_query.TransactionStmtKind_TRANS_STMT_RELEASE:
		return &txnStmt{kind: txnRelease, savepoint: s.SavepointName}, nil
	case pg_query.TransactionStmtKind_TRANS_STMT_ROLLBACK_TO:
		return &txnStmt{kind: txnRollbackTo, savepoint: s.SavepointName}, nil
	}
	return nil, pgerror.New(pgerror.FeatureNotSupported, "two-phase commit is not supported")
}
