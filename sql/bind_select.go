package sql

import (
	pg_query "github.com/pganalyze/pg_query_go/v5"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/planner"
)

// selectParts is a SELECT's clauses, bound over its input scope.
type selectParts struct {
	sc      *scope
	targets []*execpb.Expr
	cols    []Column
	where   *execpb.Expr
	groups  []*execpb.Expr
	having  *execpb.Expr
	order   []orderItem
	limit   *execpb.Expr
	offset  *execpb.Expr
	aggs    *aggCollector
}

// orderItem is one ORDER BY key: a select-list column (target >= 0) or
// an extra expression.
type orderItem struct {
	target     int
	expr       *execpb.Expr
	desc       bool
	nullsFirst bool
}

func (b *binder) bindSelect(s *pg_query.SelectStmt) (*selectStmt, error) {
	if err := checkSelectSupported(s); err != nil {
		return nil, err
	}
	sc, err := b.bindFrom(s.FromClause)
	if err != nil {
		return nil, err
	}
	p := &selectParts{sc: sc, aggs: &aggCollector{}}
	if err := b.bindSelectClauses(s, p); err != nil {
		return nil, err
	}
	plan, err := b.buildSelectPlan(p, len(s.DistinctClause) > 0)
	if err != nil {
		return nil, err
	}
	return &selectStmt{plan: plan, cols: p.cols, generic: genericPlan(plan)}, nil
}

func checkSelectSupported(s *pg_query.SelectStmt) error {
	switch {
	case s.Op != pg_query.SetOperation_SETOP_NONE:
		return pgerror.New(pgerror.FeatureNotSupported, "UNION, INTERSECT and EXCEPT are not supported")
	case s.WithClause != nil:
		return pgerror.New(pgerror.FeatureNotSupported, "WITH (common table expressions) is not supported")
	case len(s.ValuesLists) > 0:
		return pgerror.New(pgerror.FeatureNotSupported, "VALUES lists are not supported here")
	case len(s.WindowClause) > 0:
		return pgerror.New(pgerror.FeatureNotSupported, "window functions are not supported")
	case len(s.LockingClause) > 0:
		return pgerror.New(pgerror.FeatureNotSupported, "SELECT FOR UPDATE/SHARE is not supported")
	case s.IntoClause != nil:
		return pgerror.New(pgerror.FeatureNotSupported, "SELECT INTO is not supported")
	case len(s.DistinctClause) > 0 && s.DistinctClause[0] != nil && s.DistinctClause[0].Node != nil:
		return pgerror.New(pgerror.FeatureNotSupported, "SELECT DISTINCT ON is not supported")
	case s.LimitOption == pg_query.LimitOption_LIMIT_OPTION_WITH_TIES:
		return pgerror.New(pgerror.FeatureNotSupported, "FETCH ... WITH TIES is not supported")
	}
	return nil
}

func (b *binder) bindSelectClauses(s *pg_query.SelectStmt, p *selectParts) error {
	var err error
	if s.WhereClause != nil {
		if p.where, err = b.bindClause(s.WhereClause, p.sc, "WHERE", nil); err != nil {
			return err
		}
		if p.where, err = b.requireBool(p.where, "WHERE", exprLoc(s.WhereClause)); err != nil {
			return err
		}
	}
	if err = b.bindTargets(s.TargetList, p); err != nil {
		return err
	}
	if err = b.bindGroupBy(s.GroupClause, p); err != nil {
		return err
	}
	if s.HavingClause != nil {
		if p.having, err = b.bindClause(s.HavingClause, p.sc, "HAVING", p.aggs); err != nil {
			return err
		}
		if p.having, err = b.requireBool(p.having, "HAVING", exprLoc(s.HavingClause)); err != nil {
			return err
		}
	}
	if err = b.bindOrderBy(s.SortClause, p); err != nil {
		return err
	}
	if p.limit, err = b.bindLimit(s.LimitCount, "LIMIT"); err != nil {
		return err
	}
	if p.offset, err = b.bindLimit(s.LimitOffset, "OFFSET"); err != nil {
		return err
	}
	b.resolveTargetParams(p)
	return nil
}

// resolveTargetParams types as text the select-list entries that are bare
// parameters no clause inferred a type for (SELECT $1), as PostgreSQL's
// resolveTargetListUnknowns does once the other clauses are bound. A
// parameter nested in an expression keeps its unknown type (42P18).
func (b *binder) resolveTargetParams(p *selectParts) {
	for i, e := range p.targets {
		if e.Kind == execpb.ExprParam && isUnknown(e) {
			b.setParamType(e.Param, types.TextType)
			p.cols[i].Type = e.Type
		}
	}
}

// bindClause binds one clause's expression with aggregates collected into
// aggs (nil: aggregates are not allowed, named by clause).
func (b *binder) bindClause(n *pg_query.Node, sc *scope, clause string, aggs *aggCollector) (*execpb.Expr, error) {
	b.aggs, b.aggWhere = aggs, clause
	defer func() { b.aggs, b.aggWhere = nil, "" }()
	return b.bindExpr(n, sc)
}

func (b *binder) bindTargets(list []*pg_query.Node, p *selectParts) error {
	for _, n := range list {
		rt := n.GetResTarget()
		if cr := rt.Val.GetColumnRef(); cr != nil {
			if _, star := columnRefNames(cr); star {
				if err := b.expandStar(cr, p); err != nil {
					return err
				}
				continue
			}
		}
		e, err := b.bindClause(rt.Val, p.sc, "SELECT", p.aggs)
		if err != nil {
			return err
		}
		if e, err = b.resolveUnknownAsText(e, exprLoc(rt.Val)); err != nil {
			return err
		}
		p.targets = append(p.targets, e)
		p.cols = append(p.cols, b.resultColumn(targetName(rt), e, p.sc))
	}
	return nil
}

func (b *binder) expandStar(cr *pg_query.ColumnRef, p *selectParts) error {
	names, _ := columnRefNames(cr)
	if p.sc.table == nil {
		return b.errAt(pgerror.New(pgerror.SyntaxError, "SELECT * with no tables specified is not valid"), cr.Location)
	}
	if len(names) > 0 && names[len(names)-1] != p.sc.name {
		return b.errAt(pgerror.Newf(pgerror.UndefinedTable, "missing FROM-clause entry for table \"%s\"", names[len(names)-1]), cr.Location)
	}
	for i, c := range p.sc.table.Columns {
		if c.Hidden {
			continue
		}
		e := planner.MakeColumn(i, c.Type)
		if b.colRefs == nil {
			b.colRefs = map[*execpb.Expr]colRef{}
		}
		b.colRefs[e] = colRef{qualified: p.sc.name + "." + c.Name, loc: cr.Location}
		p.targets = append(p.targets, e)
		p.cols = append(p.cols, b.resultColumn(c.Name, e, p.sc))
	}
	return nil
}

// resultColumn describes a select-list column. Its TableOID and
// ColumnNum stay 0 although pg_class lists tables under their ids:
// clients that see a table OID (pgjdbc's ResultSetMetaData, psqlODBC)
// follow it with a join over pg_class and pg_attribute, which fails
// until joins exist; PostgreSQL's protocol allows 0 ("not a table
// column").
func (b *binder) resultColumn(name string, e *execpb.Expr, sc *scope) Column {
	return Column{Name: name, Type: e.Type}
}

// targetName is the column name PostgreSQL gives a select-list entry.
func targetName(rt *pg_query.ResTarget) string {
	if rt.Name != "" {
		return rt.Name
	}
	return exprName(rt.Val)
}

func exprName(n *pg_query.Node) string {
	switch {
	case n.GetColumnRef() != nil:
		names, _ := columnRefNames(n.GetColumnRef())
		if len(names) > 0 {
			return names[len(names)-1]
		}
	case n.GetFuncCall() != nil:
		return funcName(n.GetFuncCall())
	case n.GetTypeCast() != nil:
		if name := exprName(n.GetTypeCast().Arg); name != "?column?" {
			return name
		}
		tn := n.GetTypeCast().TypeName
		if len(tn.Names) > 0 {
			if s := tn.Names[len(tn.Names)-1].GetString_(); s != nil {
				return s.Sval
			}
		}
	case n.GetCaseExpr() != nil:
		return "case"
	case n.GetCoalesceExpr() != nil:
		return "coalesce"
	case n.GetAExpr() != nil && n.GetAExpr().Kind == pg_query.A_Expr_Kind_AEXPR_NULLIF:
		return "nullif"
	case n.GetMinMaxExpr() != nil:
		if n.GetMinMaxExpr().Op == pg_query.MinMaxOp_IS_LEAST {
			return "least"
		}
		return "greatest"
	case n.GetSqlvalueFunction() != nil:
		return sqlValueFunctionName(n.GetSqlvalueFunction().Op)
	}
	return "?column?"
}

func sqlValueFunctionName(op pg_query.SQLValueFunctionOp) string {
	switch op {
	case pg_query.SQLValueFunctionOp_SVFOP_CURRENT_DATE:
		return "current_date"
	case pg_query.SQLValueFunctionOp_SVFOP_CURRENT_TIMESTAMP, pg_query.SQLValueFunctionOp_SVFOP_CURRENT_TIMESTAMP_N:
		return "current_timestamp"
	case pg_query.SQLValueFunctionOp_SVFOP_LOCALTIMESTAMP, pg_query.SQLValueFunctionOp_SVFOP_LOCALTIMESTAMP_N:
		return "localtimestamp"
	case pg_query.SQLValueFunctionOp_SVFOP_CURRENT_USER:
		return "current_user"
	case pg_query.SQLValueFunctionOp_SVFOP_SESSION_USER:
		return "session_user"
	case pg_query.SQLValueFunctionOp_SVFOP_USER:
		return "user"
	case pg_query.SQLValueFunctionOp_SVFOP_CURRENT_ROLE:
		return "current_role"
	case pg_query.SQLValueFunctionOp_SVFOP_CURRENT_CATALOG:
		return "current_catalog"
	case pg_query.SQLValueFunctionOp_SVFOP_CURRENT_SCHEMA:
		return "current_schema"
	}
	return "?column?"
}

// bindLimit binds a LIMIT or OFFSET count as bigint.
func (b *binder) bindLimit(n *pg_query.Node, clause string) (*execpb.Expr, error) {
	if n == nil {
		return nil, nil
	}
	if c := n.GetAConst(); c != nil && c.Isnull {
		return nil, nil
	}
	e, err := b.bindClause(n, &scope{}, clause, nil)
	if err != nil {
		return nil, err
	}
	if !isUnknown(e) && !e.Type.IsNumeric() {
		return nil, b.errAt(pgerror.Newf(pgerror.DatatypeMismatch, "argument of %s must be type bigint, not type %s", clause, e.Type), exprLoc(n))
	}
	return b.coerce(e, types.Int8Type, exprLoc(n))
}
