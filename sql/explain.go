package sql

import (
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v5"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/planner"
)

// explainStmt is EXPLAIN of a SELECT: the distributed plan Quiver runs,
// one line per row (each shard fragment, then the gateway fragment).
// The format is Quiver's own; it shows no costs.
type explainStmt struct{ query *selectStmt }

func (*explainStmt) columns() []Column {
	return []Column{{Name: "QUERY PLAN", Type: types.TextType}}
}

func (b *binder) bindExplain(e *pg_query.ExplainStmt, db uint32) (boundStmt, error) {
	for _, o := range e.Options {
		if d := o.GetDefElem(); d != nil && strings.EqualFold(d.Defname, "analyze") {
			return nil, pgerror.New(pgerror.FeatureNotSupported, "EXPLAIN ANALYZE is not supported")
		}
	}
	inner, err := b.bind(e.Query, db)
	if err != nil {
		return nil, err
	}
	sel, ok := inner.(*selectStmt)
	if !ok {
		return nil, pgerror.Newf(pgerror.FeatureNotSupported, "EXPLAIN of %s is not supported", strings.ToUpper(strings.TrimSuffix(nodeName(e.Query), "Stmt")))
	}
	return &explainStmt{query: sel}, nil
}

func (s *Session) runExplain(st *explainStmt, params []types.Datum, w ResultWriter) error {
	p, err := physicalPlan(st.query.plan, params)
	if err != nil {
		return err
	}
	lines := strings.Split(strings.TrimRight(planner.FormatDistributed(p), "\n"), "\n")
	rows := make([][]types.Datum, len(lines))
	for i, l := range lines {
		rows[i] = []types.Datum{l}
	}
	rec := recordOf([]types.T{types.TextType}, rows)
	defer rec.Release()
	return w.Batch(rec)
}
