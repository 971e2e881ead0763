package fastinsert

import (
	"fmt"
	"strconv"
	"unicode/utf8"

	pg_query "github.com/pganalyze/pg_query_go/v5"
)

// checkAgainstOracle parses query with pg_query (PostgreSQL's own grammar)
// and returns an error describing the first difference from got, which
// Parse accepted.
func checkAgainstOracle(query string, got *Insert) error {
	res, err := pg_query.Parse(query)
	if err != nil {
		return fmt.Errorf("Parse accepted what pg_query rejects: %v", err)
	}
	if len(res.Stmts) != 1 {
		return fmt.Errorf("pg_query found %d statements", len(res.Stmts))
	}
	ins := res.Stmts[0].Stmt.GetInsertStmt()
	if ins == nil {
		return fmt.Errorf("pg_query found a %T", res.Stmts[0].Stmt.Node)
	}
	if err := checkInsertShape(ins); err != nil {
		return err
	}
	if err := checkEnd(query, res.Stmts[0], got); err != nil {
		return err
	}
	if err := checkTarget(query, ins, got); err != nil {
		return err
	}
	return checkRows(query, ins.SelectStmt.GetSelectStmt().ValuesLists, got.Rows)
}

// checkInsertShape rejects InsertStmt clauses Parse must never accept.
func checkInsertShape(ins *pg_query.InsertStmt) error {
	sel := ins.SelectStmt.GetSelectStmt()
	switch {
	case ins.WithClause != nil, ins.OnConflictClause != nil, len(ins.ReturningList) > 0:
		return fmt.Errorf("pg_query found WITH, ON CONFLICT or RETURNING")
	case ins.Override != pg_query.OverridingKind_OVERRIDING_NOT_SET:
		return fmt.Errorf("pg_query found OVERRIDING")
	case sel == nil || len(sel.ValuesLists) == 0:
		return fmt.Errorf("pg_query found no VALUES")
	case sel.LimitCount != nil, sel.LimitOffset != nil, len(sel.SortClause) > 0, sel.WithClause != nil,
		sel.Op != pg_query.SetOperation_SETOP_NONE, len(sel.LockingClause) > 0:
		return fmt.Errorf("pg_query found clauses after VALUES")
	}
	return nil
}

// checkEnd compares End with the statement's extent in pg_query.
func checkEnd(query string, raw *pg_query.RawStmt, got *Insert) error {
	want := len(query)
	if raw.StmtLen > 0 {
		want = int(raw.StmtLocation + raw.StmtLen)
	}
	if raw.StmtLocation != 0 || got.End != want {
		return fmt.Errorf("End %d, pg_query location %d len %d", got.End, raw.StmtLocation, raw.StmtLen)
	}
	return nil
}

func checkTarget(query string, ins *pg_query.InsertStmt, got *Insert) error {
	r := ins.Relation
	if r.Catalogname != "" || r.Alias != nil || !r.Inh {
		return fmt.Errorf("pg_query relation %v", r)
	}
	if r.Schemaname != got.Schema || r.Relname != got.Table {
		return fmt.Errorf("relation %q.%q, pg_query %q.%q", got.Schema, got.Table, r.Schemaname, r.Relname)
	}
	if p := charPosOf(query, r.Location); p != got.TablePos || int(r.Location) != got.TableOff {
		return fmt.Errorf("TablePos %d TableOff %d, pg_query %d (%d)", got.TablePos, got.TableOff, p, r.Location)
	}
	if (len(ins.Cols) == 0) != (got.Columns == nil) || len(ins.Cols) != len(got.Columns) {
		return fmt.Errorf("columns %+v, pg_query %v", got.Columns, ins.Cols)
	}
	for i, c := range ins.Cols {
		rt := c.GetResTarget()
		g := got.Columns[i]
		if rt == nil || len(rt.Indirection) > 0 || rt.Name != g.Name || int(rt.Location) != g.Off ||
			charPosOf(query, rt.Location) != g.Pos {
			return fmt.Errorf("column %d %+v, pg_query %v", i, g, c)
		}
	}
	return nil
}

func checkRows(query string, lists []*pg_query.Node, rows [][]Value) error {
	if len(lists) != len(rows) {
		return fmt.Errorf("%d rows, pg_query %d", len(rows), len(lists))
	}
	for i, l := range lists {
		items := l.GetList().Items
		if len(items) != len(rows[i]) {
			return fmt.Errorf("row %d: %d values, pg_query %d", i, len(rows[i]), len(items))
		}
		for j, n := range items {
			if err := checkValue(query, n, rows[i][j]); err != nil {
				return fmt.Errorf("row %d value %d: %w", i, j, err)
			}
		}
	}
	return nil
}

// checkValue compares one value with pg_query's node for it.
func checkValue(query string, n *pg_query.Node, v Value) error {
	var loc int32
	var err error
	switch x := n.Node.(type) {
	case *pg_query.Node_AConst:
		loc, err = x.AConst.Location, checkConst(x.AConst, v)
	case *pg_query.Node_SetToDefault:
		loc, err = x.SetToDefault.Location, wantKind(v, Default)
	case *pg_query.Node_ParamRef:
		loc, err = x.ParamRef.Location, checkParam(x.ParamRef, v)
	case *pg_query.Node_AExpr:
		loc, err = x.AExpr.Location, checkUnaryPlus(x.AExpr, v)
	default:
		err = fmt.Errorf("pg_query node %T", n.Node)
	}
	if err != nil {
		return err
	}
	if p := charPosOf(query, loc); p != v.Pos || int(loc) != v.Off {
		return fmt.Errorf("%+v: pg_query position %d (offset %d)", v, p, loc)
	}
	return nil
}

func wantKind(v Value, k Kind) error {
	if v.Kind != k {
		return fmt.Errorf("kind %v, pg_query %v", v.Kind, k)
	}
	return nil
}

func checkParam(p *pg_query.ParamRef, v Value) error {
	if err := wantKind(v, Param); err != nil {
		return err
	}
	if p.Number != v.Param {
		return fmt.Errorf("$%d, pg_query $%d", v.Param, p.Number)
	}
	return nil
}

// checkUnaryPlus accepts `+ number`, which PostgreSQL keeps as an operator
// with the number's type and value: Parse reports the bare number.
func checkUnaryPlus(e *pg_query.A_Expr, v Value) error {
	c := e.Rexpr.GetAConst()
	if e.Kind != pg_query.A_Expr_Kind_AEXPR_OP || e.Lexpr != nil || len(e.Name) != 1 ||
		e.Name[0].GetString_().Sval != "+" || c == nil || (c.GetIval() == nil && c.GetFval() == nil) {
		return fmt.Errorf("pg_query expression %v", e)
	}
	return checkConst(c, v)
}

func checkConst(c *pg_query.A_Const, v Value) error {
	switch {
	case c.Isnull:
		return wantKind(v, Null)
	case c.GetBoolval() != nil:
		if b := c.GetBoolval().Boolval; v.Kind != Bool || v.Bool != b || v.Text != strconv.FormatBool(b) {
			return fmt.Errorf("%+v, pg_query bool %v", v, b)
		}
	case c.GetSval() != nil:
		if v.Kind != String || v.Text != c.GetSval().Sval {
			return fmt.Errorf("%+v, pg_query string %q", v, c.GetSval().Sval)
		}
	case c.GetIval() != nil:
		return checkIval(c.GetIval().Ival, v)
	case c.GetFval() != nil:
		return checkFval(c.GetFval().Fval, v)
	default:
		return fmt.Errorf("pg_query constant %v", c)
	}
	return nil
}

// checkIval: PostgreSQL scanned an integer that fits int4.
func checkIval(ival int32, v Value) error {
	n, err := strconv.ParseInt(v.Text, 10, 64)
	i4, ok := v.Int4()
	if v.Kind != Integer || v.IntClass() != Int4 || err != nil || n != int64(ival) || !ok || i4 != ival {
		return fmt.Errorf("%+v (class %v), pg_query int4 %d", v, v.IntClass(), ival)
	}
	return nil
}

// checkFval: PostgreSQL kept the literal's text (a decimal, or an integer
// too large for int4).
func checkFval(fval string, v Value) error {
	if v.Text != fval || (v.Kind != Decimal && (v.Kind != Integer || v.IntClass() == Int4)) {
		return fmt.Errorf("%+v (class %v), pg_query float %q", v, v.IntClass(), fval)
	}
	return nil
}

// charPosOf converts pg_query's 0-based byte location to a 1-based
// character position, independently of the scanner's memoised version.
func charPosOf(query string, loc int32) int {
	if loc < 0 {
		return 0
	}
	return utf8.RuneCountInString(query[:loc]) + 1
}
