package exec

import (
	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
)

// buildValues evaluates a Values node's constant rows at Build and
// returns a source over them, in batches of BatchSize rows.
func buildValues(alloc memory.Allocator, node *execpb.Node) (Operator, error) {
	schema := Schema(node.Types, node.Names)
	one := array.NewRecord(arrow.NewSchema(nil, nil), nil, 1)
	defer one.Release()
	ec := &evalCtx{alloc: alloc}
	rows := make([][]types.Datum, len(node.Rows))
	for r, exprs := range node.Rows {
		if len(exprs) != len(node.Types) {
			return nil, pgerror.New(pgerror.SyntaxError, "VALUES lists must all be the same length")
		}
		row, err := constRow(ec, one, exprs, node.Types)
		if err != nil {
			return nil, err
		}
		rows[r] = row
	}
	var recs []arrow.Record
	for start := 0; start < len(rows); start += BatchSize {
		end := min(start+BatchSize, len(rows))
		recs = append(recs, recordFromRows(alloc, schema, node.Types, rows[start:end]))
	}
	src := NewRecordSource(schema, recs)
	releaseAll(recs)
	return src, nil
}

// constRow evaluates one row of constant expressions over a one-row,
// zero-column record, casting to ts where the expression's type differs.
func constRow(ec *evalCtx, one arrow.Record, exprs []*execpb.Expr, ts []types.T) ([]types.Datum, error) {
	row := make([]types.Datum, len(exprs))
	for c, x := range exprs {
		ev, err := compileExpr(x, nil)
		if err != nil {
			return nil, err
		}
		arr, err := ev.eval(ec, one, nil)
		if err != nil {
			return nil, err
		}
		d := types.DatumAt(arr, ev.typ(), 0)
		arr.Release()
		if d != nil && ev.typ() != ts[c] {
			if d, err = types.Cast(d, ev.typ(), ts[c]); err != nil {
				return nil, err
			}
		}
		row[c] = d
	}
	return row, nil
}
