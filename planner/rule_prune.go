package planner

import (
	"sort"

	"github.com/quiverdb/quiver/exec/execpb"
)

// rulePrune narrows the scan to the columns that the filters and the
// first projection above it read, renumbering their column references.
// A scan with no projection above it (UPDATE and DELETE read whole rows)
// keeps its columns.
func rulePrune(n Node) Node {
	nodes := chain(n)
	leaf := len(nodes) - 1
	s, ok := nodes[leaf].(*Scan)
	if !ok {
		return n
	}
	proj := leaf - 1
	for proj >= 0 {
		if _, ok := nodes[proj].(*Filter); !ok {
			break
		}
		proj--
	}
	if proj < 0 {
		return n
	}
	if _, ok := nodes[proj].(*Project); !ok {
		return n
	}
	used := map[int]bool{}
	columnsUsed(s.Filter, used)
	for _, p := range s.Point {
		columnsUsed(p, used)
	}
	for i := proj; i < leaf; i++ {
		switch x := nodes[i].(type) {
		case *Filter:
			columnsUsed(x.Pred, used)
		case *Project:
			for _, e := range x.Exprs {
				columnsUsed(e, used)
			}
		}
	}
	return pruneTo(nodes, proj, s, used)
}

func pruneTo(nodes []Node, proj int, s *Scan, used map[int]bool) Node {
	keep := make([]int, 0, len(used))
	for c := range used {
		keep = append(keep, c)
	}
	sort.Ints(keep)
	if len(keep) == 0 {
		keep = append(keep, s.keyOutputCol())
	}
	remap := map[int]int{}
	cols := make([]int, len(keep))
	for i, c := range keep {
		remap[c] = i
		cols[i] = s.Cols[c]
	}
	c := *s
	c.Cols = cols
	c.Filter = remapColumns(s.Filter, remap)
	var out Node = &c
	for i := len(nodes) - 2; i >= proj; i-- {
		out = remapNode(nodes[i], out, remap)
	}
	return rebuild(nodes[:proj], out)
}

// keyOutputCol returns the scan output column of the first key column, or
// 0 when the scan does not output it.
func (s *Scan) keyOutputCol() int {
	for i, c := range s.Cols {
		if len(s.Table.Key) > 0 && c == s.Table.Key[0] {
			return i
		}
	}
	return 0
}

func remapNode(n, in Node, remap map[int]int) Node {
	switch x := n.(type) {
	case *Filter:
		return &Filter{Input: in, Pred: remapColumns(x.Pred, remap)}
	case *Project:
		exprs := make([]*execpb.Expr, len(x.Exprs))
		for i, e := range x.Exprs {
			exprs[i] = remapColumns(e, remap)
		}
		return &Project{Input: in, Exprs: exprs, ColNames: x.ColNames}
	}
	return n.withChild(in)
}
