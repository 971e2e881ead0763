package planner

import (
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/types"
)

// Node is a logical plan operator. Nodes are immutable.
type Node interface {
	// Types returns the types of the node's output columns.
	Types() []types.T
	// Names returns the names of the node's output columns.
	Names() []string
	// Child returns the node's input, or nil for a leaf.
	Child() Node
	// withChild returns a copy of the node reading in instead.
	withChild(in Node) Node
}

// Scan reads the columns Cols (positions in Table.Columns) of every row
// of Table, keeping those where Filter (over the output columns) holds.
// Point, when set, fixes every key column (in key order) to a constant.
type Scan struct {
	Table  *Table
	Cols   []int
	Filter *execpb.Expr
	Point  []*execpb.Expr
}

// Values produces constant rows.
type Values struct {
	Rows     [][]*execpb.Expr
	ColTypes []types.T
	ColNames []string
}

// Filter keeps the rows of Input where Pred is true.
type Filter struct {
	Input Node
	Pred  *execpb.Expr
}

// Project computes Exprs over each row of Input.
type Project struct {
	Input    Node
	Exprs    []*execpb.Expr
	ColNames []string
}

// Aggregate groups Input by GroupCols and computes Aggs: its output is
// the group columns followed by one column per aggregate.
type Aggregate struct {
	Input     Node
	GroupCols []int
	Aggs      []execpb.AggFunc
	AggNames  []string
}

// Sort orders Input.
type Sort struct {
	Input    Node
	Ordering []execpb.Ordering
}

// Limit skips Offset rows and returns at most Limit rows. Both are int8
// expressions (constants or parameters); nil means absent.
type Limit struct {
	Input  Node
	Limit  *execpb.Expr
	Offset *execpb.Expr
}

var (
	_ Node = (*Scan)(nil)
	_ Node = (*Values)(nil)
	_ Node = (*Filter)(nil)
	_ Node = (*Project)(nil)
	_ Node = (*Aggregate)(nil)
	_ Node = (*Sort)(nil)
	_ Node = (*Limit)(nil)
)

// Types implements Node.
func (s *Scan) Types() []types.T {
	ts := make([]types.T, len(s.Cols))
	for i, c := range s.Cols {
		ts[i] = s.Table.Columns[c].Type
	}
	return ts
}

// Names implements Node.
func (s *Scan) Names() []string {
	ns := make([]string, len(s.Cols))
	for i, c := range s.Cols {
		ns[i] = s.Table.Columns[c].Name
	}
	return ns
}

// Child implements Node.
func (s *Scan) Child() Node { return nil }

func (s *Scan) withChild(Node) Node { c := *s; return &c }

// Types implements Node.
func (v *Values) Types() []types.T { return v.ColTypes }

// Names implements Node.
func (v *Values) Names() []string { return v.ColNames }

// Child implements Node.
func (v *Values) Child() Node { return nil }

func (v *Values) withChild(Node) Node { c := *v; return &c }

// Types implements Node.
func (f *Filter) Types() []types.T { return f.Input.Types() }

// Names implements Node.
func (f *Filter) Names() []string { return f.Input.Names() }

// Child implements Node.
func (f *Filter) Child() Node { return f.Input }

func (f *Filter) withChild(in Node) Node { c := *f; c.Input = in; return &c }

// Types implements Node.
func (p *Project) Types() []types.T {
	ts := make([]types.T, len(p.Exprs))
	for i, e := range p.Exprs {
		ts[i] = e.Type
	}
	return ts
}

// Names implements Node.
func (p *Project) Names() []string { return p.ColNames }

// Child implements Node.
func (p *Project) Child() Node { return p.Input }

func (p *Project) withChild(in Node) Node { c := *p; c.Input = in; return &c }

// Types implements Node.
func (a *Aggregate) Types() []types.T {
	in := a.Input.Types()
	var ts []types.T
	for _, g := range a.GroupCols {
		ts = append(ts, in[g])
	}
	for _, f := range a.Aggs {
		ts = append(ts, f.Type)
	}
	return ts
}

// Names implements Node.
func (a *Aggregate) Names() []string {
	in := a.Input.Names()
	var ns []string
	for _, g := range a.GroupCols {
		ns = append(ns, in[g])
	}
	return append(ns, a.AggNames...)
}

// Child implements Node.
func (a *Aggregate) Child() Node { return a.Input }

func (a *Aggregate) withChild(in Node) Node { c := *a; c.Input = in; return &c }

// Types implements Node.
func (s *Sort) Types() []types.T { return s.Input.Types() }

// Names implements Node.
func (s *Sort) Names() []string { return s.Input.Names() }

// Child implements Node.
func (s *Sort) Child() Node { return s.Input }

func (s *Sort) withChild(in Node) Node { c := *s; c.Input = in; return &c }

// Types implements Node.
func (l *Limit) Types() []types.T { return l.Input.Types() }

// Names implements Node.
func (l *Limit) Names() []string { return l.Input.Names() }

// Child implements Node.
func (l *Limit) Child() Node { return l.Input }

func (l *Limit) withChild(in Node) Node { c := *l; c.Input = in; return &c }

// chain returns the nodes of a linear plan from the root down to its leaf.
func chain(n Node) []Node {
	var out []Node
	for ; n != nil; n = n.Child() {
		out = append(out, n)
	}
	return out
}
