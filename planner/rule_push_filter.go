package planner

// rulePushFilter merges a Filter that sits directly on a Scan into the
// scan's own filter, and drops filters that are constant true.
func rulePushFilter(n Node) Node {
	if n == nil {
		return nil
	}
	var in Node
	if c := n.Child(); c != nil {
		in = rulePushFilter(c)
	}
	f, ok := n.(*Filter)
	if !ok {
		return n.withChild(in)
	}
	if isTrue(f.Pred) {
		return in
	}
	s, ok := in.(*Scan)
	if !ok {
		return n.withChild(in)
	}
	terms := append(conjuncts(s.Filter), conjuncts(f.Pred)...)
	c := *s
	c.Filter = andAll(terms)
	return &c
}
