package execpb

import "github.com/quiverdb/quiver/internal/types"

// NodeKind says what a plan Node does.
type NodeKind uint8

// Plan node kinds.
const (
	// NodeScan reads a table's rows on one shard (Scan).
	NodeScan NodeKind = iota
	// NodeValues produces Rows of constants (SELECT without FROM, VALUES).
	NodeValues
	// NodeFilter keeps the rows of Input where Filter is true.
	NodeFilter
	// NodeProject computes Exprs over Input.
	NodeProject
	// NodeAggregate groups Input (Agg).
	NodeAggregate
	// NodeSort orders Input by Ordering.
	NodeSort
	// NodeLimit skips Offset rows and returns at most Limit (-1: no limit).
	NodeLimit
	// NodeTopN is Sort then Limit/Offset, keeping only Limit+Offset rows.
	NodeTopN
	// NodeMerge reads the streams that the shards return for the fragment
	// at index Input (see Plan): a union, or an ordered merge when
	// Ordering is set.
	NodeMerge
)

// Node is one operator of a fragment tree.
type Node struct {
	Kind NodeKind
	// Types are the types of the node's output columns; Names their names
	// (informational, for EXPLAIN and tests).
	Types []types.T
	Names []string

	Input *Node

	Scan     *Scan
	Rows     [][]*Expr // NodeValues: constant expressions, one slice per row
	Filter   *Expr
	Exprs    []*Expr // NodeProject
	Agg      *Aggregate
	Ordering []Ordering // NodeSort, NodeTopN, NodeMerge (optional)
	Limit    int64      // NodeLimit, NodeTopN: -1 when absent
	Offset   int64
	// Source is the index in Plan.Shard of the fragment a NodeMerge reads.
	Source int
}

// Ordering is one sort key.
type Ordering struct {
	Col        int
	Desc       bool
	NullsFirst bool // PostgreSQL's default: NULLS LAST for ASC, FIRST for DESC
}

// Column describes one column of a stored table, as a scan decodes it.
type Column struct {
	ID   uint32 // stable column id within the table
	Name string
	Type types.T
}

// Table is what a scan must know of a table's storage layout.
type Table struct {
	ID      uint32
	Columns []Column // every stored column, in table order (hidden rowid included)
	// Key lists the positions in Columns of the primary key, in key order.
	Key []int
}

// Scan reads a table on one shard.
type Scan struct {
	Table Table
	// Cols are the positions in Table.Columns to output, in output order.
	Cols []int
	// Filter, if set, is evaluated over the output columns before rows
	// leave the scan (pushed-down predicate).
	Filter *Expr
	// Point, if set, holds constant values for every key column (in key
	// order): the scan reads at most that one row.
	Point []*Expr
}

// AggFunc is one aggregate.
type AggFunc struct {
	// Func is count_star, count, sum, avg, min or max.
	Func string
	// Arg is the input column (ignored by count_star).
	Arg      int
	Distinct bool
	// ArgType is the type of the argument column; Type the final result
	// type (PostgreSQL's: sum(int4) is int8, sum(int8) and avg(int) are
	// numeric, avg(float) is float8, ...).
	ArgType types.T
	Type    types.T
}

// AggMode says which half of a two-phase aggregation a node runs.
type AggMode uint8

// Aggregation modes.
const (
	// AggComplete reads raw rows and outputs final values.
	AggComplete AggMode = iota
	// AggPartial reads raw rows and outputs group columns followed by the
	// partial state columns of each aggregate (PartialTypes).
	AggPartial
	// AggFinal reads AggPartial's output and outputs final values.
	AggFinal
)

// Aggregate groups rows by GroupCols and computes Aggs. Output: the group
// columns, then one column per aggregate (or its partial state columns).
type Aggregate struct {
	Mode      AggMode
	GroupCols []int
	// GroupTypes are the types of the group columns.
	GroupTypes []types.T
	Aggs       []AggFunc
}

// PartialTypes returns the state columns that AggPartial emits for f:
// count/count_star: int8; sum of int2/int4: int8; sum of int8 and
// numeric: numeric; sum of floats: float8 (float4 for real); avg: the sum
// as above (float8 for real) then an int8 count; min/max: the argument
// type.
//
// An AggFinal node reads exactly that layout: its GroupCols are the first
// len(GroupCols) input columns and each aggregate's state columns follow
// in order (AggFunc.Arg is ignored). DISTINCT
// aggregates are not split (the planner runs them AggComplete on the
// gateway).
func PartialTypes(f AggFunc) []types.T {
	switch f.Func {
	case "count", "count_star":
		return []types.T{types.Int8Type}
	case "sum":
		return []types.T{partialSumType(f.ArgType)}
	case "avg":
		sum := partialSumType(f.ArgType)
		if sum.Family == types.Float4Family {
			sum = types.Float8Type // PostgreSQL averages real in double precision
		}
		return []types.T{sum, types.Int8Type}
	default:
		return []types.T{f.ArgType}
	}
}

func partialSumType(arg types.T) types.T {
	switch arg.Family {
	case types.Int2Family, types.Int4Family:
		return types.Int8Type
	case types.Float4Family:
		return types.Float4Type
	case types.Float8Family:
		return types.Float8Type
	default:
		return types.NumericType
	}
}

// Plan is a distributed query: Shard fragments, each run next to the data
// on every shard that owns rows of its scan's table (or on one shard when
// the scan has a Point), and a Gateway fragment whose NodeMerge leaves
// read their results. A plan without Shard fragments runs on the gateway
// alone.
type Plan struct {
	Shard   []*Node
	Gateway *Node
}
