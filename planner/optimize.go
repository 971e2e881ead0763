package planner

// Optimize rewrites a logical plan whose parameters are substituted:
// constant folding, filter pushdown into the scan, point lookups on the
// primary key, then projection pruning.
func Optimize(n Node) (Node, error) {
	n, err := ruleFold(n)
	if err != nil {
		return nil, err
	}
	n = rulePushFilter(n)
	n = rulePoint(n)
	return rulePrune(n), nil
}
