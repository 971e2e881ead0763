package sql

import (
	"context"
	"fmt"
	"slices"

	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v5"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/planner"
)

// copyStmt is COPY ... FROM STDIN or COPY ... TO STDOUT.
type copyStmt struct {
	from bool
	opts copyOptions
	// table and cols are the target of COPY FROM (cols: positions in
	// table.Columns of the data's columns, in data order); for COPY
	// table TO, table names the source (for errors).
	table *planner.Table
	cols  []int
	// query is what COPY TO writes (COPY table TO is bound as a SELECT).
	query *selectStmt
	// names and typs are the data's column names and types.
	names []string
	typs  []types.T
	// forceNN, forceNull and forceQuote mark data columns named by
	// FORCE_NOT_NULL, FORCE_NULL and FORCE_QUOTE.
	forceNN, forceNull, forceQuote []bool
}

func (*copyStmt) columns() []Column { return nil }

// bindCopy binds a COPY statement.
func (b *binder) bindCopy(s *pg_query.CopyStmt) (*copyStmt, error) {
	if s.Filename != "" || s.IsProgram {
		err := pgerror.New(pgerror.FeatureNotSupported, "COPY to or from a file is not supported")
		return nil, pgerror.WithHint(err, "Use COPY ... FROM STDIN or TO STDOUT, or a client-side facility such as psql's \\copy.")
	}
	if s.WhereClause != nil {
		return nil, pgerror.New(pgerror.FeatureNotSupported, "COPY FROM ... WHERE is not supported")
	}
	opts, err := b.parseCopyOptions(s.Options, s.IsFrom)
	if err != nil {
		return nil, err
	}
	st := &copyStmt{from: s.IsFrom, opts: opts}
	if s.Query != nil {
		err = b.bindCopyQuery(st, s.Query)
	} else {
		err = b.bindCopyTable(st, s)
	}
	if err != nil {
		return nil, err
	}
	return st, b.bindCopyForce(st)
}

// bindCopyTable resolves COPY table [(cols)].
func (b *binder) bindCopyTable(st *copyStmt, s *pg_query.CopyStmt) error {
	t, err := b.resolveTable(s.Relation)
	if err != nil {
		return err
	}
	cols, err := copyTargets(t, s.Attlist)
	if err != nil {
		return err
	}
	st.table, st.cols = t, cols
	for _, c := range cols {
		st.names = append(st.names, t.Columns[c].Name)
		st.typs = append(st.typs, t.Columns[c].Type)
	}
	if st.from {
		return nil
	}
	return b.bindCopyQueryText(st, copySelectText(s.Relation, st.names))
}

// copyTargets resolves COPY's column list (all visible columns when
// absent) to positions, as CopyGetAttnums does.
func copyTargets(t *planner.Table, attlist []*pg_query.Node) ([]int, error) {
	var out []int
	if len(attlist) == 0 {
		for i, c := range t.Columns {
			if !c.Hidden {
				out = append(out, i)
			}
		}
		return out, nil
	}
	for _, n := range attlist {
		name := n.GetString_().GetSval()
		i := t.ColumnIndex(name)
		if i < 0 || t.Columns[i].Hidden {
			return nil, pgerror.Newf(pgerror.UndefinedColumn, "column \"%s\" of relation \"%s\" does not exist", name, t.Name)
		}
		if slices.Contains(out, i) {
			return nil, pgerror.Newf(pgerror.DuplicateColumn, "column \"%s\" specified more than once", name)
		}
		out = append(out, i)
	}
	return out, nil
}

// copySelectText is the SELECT that COPY table TO runs.
func copySelectText(rv *pg_query.RangeVar, names []string) string {
	var sb strings.Builder
	sb.WriteString("SELECT ")
	for i, n := range names {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString(copyQuoteIdent(n))
	}
	sb.WriteString(" FROM ")
	if rv.Schemaname != "" {
		sb.WriteString(copyQuoteIdent(rv.Schemaname) + ".")
	}
	sb.WriteString(copyQuoteIdent(rv.Relname))
	return sb.String()
}

func copyQuoteIdent(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

func (b *binder) bindCopyQueryText(st *copyStmt, text string) error {
	res, err := pg_query.Parse(text)
	if err != nil || len(res.Stmts) != 1 {
		return pgerror.AssertionFailedf("COPY: cannot parse %q", text)
	}
	sel, err := b.bindSelect(res.Stmts[0].Stmt.GetSelectStmt())
	if err != nil {
		return err
	}
	st.query = sel
	return nil
}

// bindCopyQuery binds COPY (query) TO.
func (b *binder) bindCopyQuery(st *copyStmt, q *pg_query.Node) error {
	sel := q.GetSelectStmt()
	if sel == nil {
		return pgerror.New(pgerror.FeatureNotSupported, "COPY (query) supports only SELECT")
	}
	bound, err := b.bindSelect(sel)
	if err != nil {
		return err
	}
	st.query = bound
	for _, c := range bound.cols {
		st.names = append(st.names, c.Name)
		st.typs = append(st.typs, c.Type)
	}
	return nil
}

// bindCopyForce resolves the FORCE_* column lists against the data's
// columns.
func (b *binder) bindCopyForce(st *copyStmt) error {
	var err error
	if st.forceQuote, err = st.forceList("FORCE_QUOTE", st.opts.forceQ); err != nil {
		return err
	}
	if st.opts.forceQAll {
		for i := range st.forceQuote {
			st.forceQuote[i] = true
		}
	}
	if st.forceNN, err = st.forceList("FORCE_NOT_NULL", st.opts.forceNN); err != nil {
		return err
	}
	st.forceNull, err = st.forceList("FORCE_NULL", st.opts.forceNull)
	return err
}

// forceList marks the data columns named by an option's list: 42703 for
// a name that is no column, 42P10 for a column the COPY does not copy.
func (st *copyStmt) forceList(opt string, names []string) ([]bool, error) {
	out := make([]bool, len(st.names))
	for _, n := range names {
		i := indexOf(st.names, n)
		if i >= 0 {
			out[i] = true
			continue
		}
		if st.table == nil {
			return nil, pgerror.Newf(pgerror.UndefinedColumn, "column \"%s\" does not exist", n)
		}
		if c := st.table.ColumnIndex(n); c < 0 || st.table.Columns[c].Hidden {
			return nil, pgerror.Newf(pgerror.UndefinedColumn, "column \"%s\" of relation \"%s\" does not exist", n, st.table.Name)
		}
		return nil, pgerror.Newf(pgerror.InvalidColumnReference, "%s column \"%s\" not referenced by COPY", opt, n)
	}
	return out, nil
}

func indexOf(names []string, n string) int {
	for i, s := range names {
		if s == n {
			return i
		}
	}
	return -1
}

// runCopy runs COPY FROM STDIN or TO STDOUT and returns its tag.
func (s *Session) runCopy(ctx context.Context, st *copyStmt, params []types.Datum, w ResultWriter) (string, error) {
	var n int64
	var err error
	if st.from {
		n, err = s.runCopyFrom(ctx, st, w)
	} else {
		n, err = s.runCopyTo(ctx, st, params, w)
	}
	return fmt.Sprintf("COPY %d", n), err
}

// executeCopy runs a COPY portal (extended protocol): the data moves
// through w, which must be a CopyInWriter or CopyOutWriter.
func (s *Session) executeCopy(ctx context.Context, p *Portal, st *copyStmt, w ResultWriter) (string, bool, error) {
	tag, err := s.runCopy(ctx, st, p.params, w)
	if err != nil {
		s.fail()
		return "", false, err
	}
	p.run = &portalRun{tag: tag}
	return tag, false, nil
}
