package shard

import (
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
)

// scanPlan says where each stored column of a scan goes: which key
// columns and which value fields feed which output columns.
type scanPlan struct {
	outTypes []types.T
	// keyTypes are the key columns' types in key order; keyOut their
	// output column (-1: skipped). keyStop is how many key columns must be
	// decoded (the rest are not needed).
	keyTypes []types.T
	keyOut   []int
	keyStop  int
	// valOut maps a column ID to its output column + 1 (0: not needed);
	// valCols lists the outputs fed by the value.
	valOut  []int
	valCols []int
	// alias[out] is the first output column showing the same stored
	// column as out (out itself when it is the first).
	alias []int
}

// maxDenseColumnID bounds the column IDs a scan looks up in a slice.
const maxDenseColumnID = 1 << 16

func newScanPlan(spec *execpb.Scan) (*scanPlan, error) {
	tbl := &spec.Table
	p := &scanPlan{outTypes: make([]types.T, len(spec.Cols))}
	isKey := make([]int, len(tbl.Columns)) // key position + 1
	first := make(map[int]int, len(spec.Cols))
	for k, c := range tbl.Key {
		if c < 0 || c >= len(tbl.Columns) {
			return nil, pgerror.AssertionFailedf("scan: key column %d out of range", c)
		}
		isKey[c] = k + 1
		p.keyTypes = append(p.keyTypes, tbl.Columns[c].Type)
		p.keyOut = append(p.keyOut, -1)
	}
	for out, c := range spec.Cols {
		if c < 0 || c >= len(tbl.Columns) {
			return nil, pgerror.AssertionFailedf("scan: column %d out of range", c)
		}
		col := &tbl.Columns[c]
		p.outTypes[out] = col.Type
		if f, ok := first[c]; ok {
			p.alias = append(p.alias, f)
			continue
		}
		first[c] = out
		p.alias = append(p.alias, out)
		if k := isKey[c]; k > 0 {
			p.keyOut[k-1] = out
			p.keyStop = max(p.keyStop, k)
			continue
		}
		if err := p.addValueColumn(col.ID, out); err != nil {
			return nil, err
		}
	}
	return p, nil
}

func (p *scanPlan) addValueColumn(id uint32, out int) error {
	if id >= maxDenseColumnID {
		return pgerror.Newf(pgerror.FeatureNotSupported, "scan: column id %d too large", id)
	}
	if int(id) >= len(p.valOut) {
		p.valOut = append(p.valOut, make([]int, int(id)+1-len(p.valOut))...)
	}
	if p.valOut[id] != 0 {
		return pgerror.AssertionFailedf("scan: two columns with id %d", id)
	}
	p.valOut[id] = out + 1
	p.valCols = append(p.valCols, out)
	return nil
}

// valueOut returns the output column of value field id, or -1.
func (p *scanPlan) valueOut(id uint32) int {
	if int(id) < len(p.valOut) {
		return p.valOut[id] - 1
	}
	return -1
}
