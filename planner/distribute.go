package planner

import (
	"strconv"

	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
)

// Distribute cuts an optimized plan into an execpb.Plan. The shard
// fragment is scan(+filter) → [project] → partial aggregate | top-N |
// limit | sort; the gateway fragment merges the shard streams and runs the
// rest. DISTINCT aggregates run complete on the gateway. A plan over
// Values runs on the gateway alone.
func Distribute(root Node) (*execpb.Plan, error) {
	nodes := chain(root)
	reverse(nodes)
	d := &distributor{nodes: nodes}
	return d.run()
}

type distributor struct {
	nodes []Node // leaf first
	i     int
}

func reverse(ns []Node) {
	for i, j := 0, len(ns)-1; i < j; i, j = i+1, j-1 {
		ns[i], ns[j] = ns[j], ns[i]
	}
}

func (d *distributor) run() (*execpb.Plan, error) {
	s, ok := d.nodes[0].(*Scan)
	if !ok {
		gw, err := d.gatewayFrom(nil)
		return &execpb.Plan{Gateway: gw}, err
	}
	shard := scanNode(s)
	d.i = 1
	for d.i < len(d.nodes) {
		n, ok := d.streamable(d.nodes[d.i], shard)
		if !ok {
			break
		}
		shard = n
		d.i++
	}
	shard, merge, err := d.split(shard)
	if err != nil {
		return nil, err
	}
	gw, err := d.gatewayFrom(merge)
	if err != nil {
		return nil, err
	}
	return &execpb.Plan{Shard: []*execpb.Node{shard}, Gateway: gw}, nil
}

// streamable compiles a row-at-a-time node (filter, project) onto in.
func (d *distributor) streamable(n Node, in *execpb.Node) (*execpb.Node, bool) {
	switch n.(type) {
	case *Filter, *Project:
		out, _ := compileNode(n, in)
		return out, true
	}
	return nil, false
}

// split finishes the shard fragment with the first blocking node (partial
// aggregate, top-N, sort or limit) and returns the gateway's merge.
func (d *distributor) split(shard *execpb.Node) (*execpb.Node, *execpb.Node, error) {
	merge := &execpb.Node{Kind: execpb.NodeMerge, Source: 0}
	if d.i >= len(d.nodes) {
		return shard, withShape(merge, shard), nil
	}
	switch x := d.nodes[d.i].(type) {
	case *Aggregate:
		if hasDistinct(x) {
			return shard, withShape(merge, shard), nil
		}
		d.i++
		return twoPhaseAgg(x, shard, merge)
	case *Sort:
		return d.splitSort(x, shard, merge)
	case *Limit:
		limit, offset, err := limitValues(x)
		if err != nil {
			return nil, nil, err
		}
		d.i++
		part := &execpb.Node{Kind: execpb.NodeLimit, Input: shard, Limit: addLimit(limit, offset), Offset: 0}
		part = withShape(part, shard)
		gw := withShape(&execpb.Node{Kind: execpb.NodeLimit, Input: withShape(merge, shard), Limit: limit, Offset: offset}, shard)
		return part, gw, nil
	}
	return shard, withShape(merge, shard), nil
}

func (d *distributor) splitSort(s *Sort, shard, merge *execpb.Node) (*execpb.Node, *execpb.Node, error) {
	d.i++
	merge.Ordering = s.Ordering
	merge = withShape(merge, shard)
	if d.i < len(d.nodes) {
		if l, ok := d.nodes[d.i].(*Limit); ok {
			limit, offset, err := limitValues(l)
			if err != nil {
				return nil, nil, err
			}
			d.i++
			if limit >= 0 {
				top := withShape(&execpb.Node{Kind: execpb.NodeTopN, Input: shard, Ordering: s.Ordering, Limit: addLimit(limit, offset)}, shard)
				gw := withShape(&execpb.Node{Kind: execpb.NodeLimit, Input: merge, Limit: limit, Offset: offset}, shard)
				return top, gw, nil
			}
			sorted := withShape(&execpb.Node{Kind: execpb.NodeSort, Input: shard, Ordering: s.Ordering, Limit: -1}, shard)
			gw := withShape(&execpb.Node{Kind: execpb.NodeLimit, Input: merge, Limit: limit, Offset: offset}, shard)
			return sorted, gw, nil
		}
	}
	sorted := withShape(&execpb.Node{Kind: execpb.NodeSort, Input: shard, Ordering: s.Ordering, Limit: -1}, shard)
	return sorted, merge, nil
}

func addLimit(limit, offset int64) int64 {
	if limit < 0 {
		return -1
	}
	return limit + offset
}

func hasDistinct(a *Aggregate) bool {
	for _, f := range a.Aggs {
		if f.Distinct {
			return true
		}
	}
	return false
}

// twoPhaseAgg splits a into a partial aggregate on the shards and a final
// one on the gateway over the merged partial states.
func twoPhaseAgg(a *Aggregate, shard, merge *execpb.Node) (*execpb.Node, *execpb.Node, error) {
	inTypes := shard.Types
	groupTypes := make([]types.T, len(a.GroupCols))
	var partTypes []types.T
	var partNames []string
	for i, g := range a.GroupCols {
		groupTypes[i] = inTypes[g]
		partTypes = append(partTypes, inTypes[g])
		partNames = append(partNames, shard.Names[g])
	}
	finalAggs := make([]execpb.AggFunc, len(a.Aggs))
	for i, f := range a.Aggs {
		finalAggs[i] = f
		finalAggs[i].Arg = len(partTypes)
		for j, t := range execpb.PartialTypes(f) {
			partTypes = append(partTypes, t)
			partNames = append(partNames, a.AggNames[i]+"_state"+strconv.Itoa(j))
		}
	}
	part := &execpb.Node{Kind: execpb.NodeAggregate, Input: shard, Types: partTypes, Names: partNames,
		Agg: &execpb.Aggregate{Mode: execpb.AggPartial, GroupCols: a.GroupCols, GroupTypes: groupTypes, Aggs: a.Aggs}}
	merge.Types, merge.Names = partTypes, partNames
	groups := make([]int, len(a.GroupCols))
	for i := range groups {
		groups[i] = i
	}
	final := &execpb.Node{Kind: execpb.NodeAggregate, Input: merge, Types: a.Types(), Names: a.Names(),
		Agg: &execpb.Aggregate{Mode: execpb.AggFinal, GroupCols: groups, GroupTypes: groupTypes, Aggs: finalAggs}}
	return part, final, nil
}

// gatewayFrom compiles the remaining nodes on top of in (nil: from the
// leaf).
func (d *distributor) gatewayFrom(in *execpb.Node) (*execpb.Node, error) {
	for ; d.i < len(d.nodes); d.i++ {
		out, err := compileNode(d.nodes[d.i], in)
		if err != nil {
			return nil, err
		}
		in = out
	}
	return in, nil
}

func withShape(n, like *execpb.Node) *execpb.Node {
	n.Types, n.Names = like.Types, like.Names
	return n
}

func scanNode(s *Scan) *execpb.Node {
	t := execpb.Table{ID: s.Table.ID, Key: s.Table.Key}
	for _, c := range s.Table.Columns {
		t.Columns = append(t.Columns, execpb.Column{ID: c.ID, Name: c.Name, Type: c.Type})
	}
	return &execpb.Node{Kind: execpb.NodeScan, Types: s.Types(), Names: s.Names(), Limit: -1,
		Scan: &execpb.Scan{Table: t, Cols: s.Cols, Filter: s.Filter, Point: s.Point}}
}

// compileNode turns one logical node into its execpb node over in.
func compileNode(n Node, in *execpb.Node) (*execpb.Node, error) {
	out := &execpb.Node{Input: in, Types: n.Types(), Names: n.Names(), Limit: -1}
	switch x := n.(type) {
	case *Scan:
		return scanNode(x), nil
	case *Values:
		out.Kind, out.Rows = execpb.NodeValues, x.Rows
	case *Filter:
		out.Kind, out.Filter = execpb.NodeFilter, x.Pred
	case *Project:
		out.Kind, out.Exprs = execpb.NodeProject, x.Exprs
	case *Aggregate:
		out.Kind = execpb.NodeAggregate
		out.Agg = &execpb.Aggregate{Mode: execpb.AggComplete, GroupCols: x.GroupCols, Aggs: x.Aggs}
		for _, g := range x.GroupCols {
			out.Agg.GroupTypes = append(out.Agg.GroupTypes, in.Types[g])
		}
	case *Sort:
		out.Kind, out.Ordering = execpb.NodeSort, x.Ordering
	case *Limit:
		limit, offset, err := limitValues(x)
		if err != nil {
			return nil, err
		}
		out.Kind, out.Limit, out.Offset = execpb.NodeLimit, limit, offset
	default:
		return nil, pgerror.AssertionFailedf("unknown plan node %T", n)
	}
	return out, nil
}

// limitValues reads a Limit's constants: -1 for no limit.
func limitValues(l *Limit) (limit, offset int64, err error) {
	if limit, err = limitValue(l.Limit, "LIMIT", -1); err != nil {
		return 0, 0, err
	}
	offset, err = limitValue(l.Offset, "OFFSET", 0)
	return limit, offset, err
}

func limitValue(e *execpb.Expr, what string, absent int64) (int64, error) {
	if e == nil || (e.Kind == execpb.ExprConst && e.Null) {
		return absent, nil
	}
	if e.Kind != execpb.ExprConst {
		return 0, pgerror.Newf(pgerror.FeatureNotSupported, "%s must be a constant", what)
	}
	v, err := strconv.ParseInt(e.Text, 10, 64)
	if err != nil {
		return 0, pgerror.Newf(pgerror.InvalidTextRepresentation, "invalid input syntax for type bigint: %q", e.Text)
	}
	if v < 0 {
		code := pgerror.Code("2201W") // invalid_row_count_in_limit_clause
		if what == "OFFSET" {
			code = "2201X" // invalid_row_count_in_result_offset_clause
		}
		return 0, pgerror.Newf(code, "%s must not be negative", what)
	}
	return v, nil
}
