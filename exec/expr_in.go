package exec

import (
	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
)

// newInExpr compiles x IN (a, b, ...). A list of constants over an
// integer, date, timestamp or text x becomes a hash-set probe; any other
// list is x = a OR x = b ..., which has exactly SQL's NULL semantics.
// NOT IN negates either.
func newInExpr(not bool, args []evaluator) (evaluator, error) {
	if len(args) < 2 {
		return nil, pgerror.AssertionFailedf("IN needs a list")
	}
	if e := newInSetExpr(not, args[0], args[1:]); e != nil {
		return e, nil
	}
	ors := make([]evaluator, len(args)-1)
	for i, a := range args[1:] {
		ors[i] = newCompareExpr(cmpEQ, args[0], a)
	}
	var e evaluator = newLogicExpr(false /* and */, ors)
	if not {
		e = &notExpr{a: e}
	}
	return e, nil
}

// inSetExpr is x [NOT] IN (constants) through a hash set. When x is not
// found the result is NULL if the list holds a NULL, else false.
type inSetExpr struct {
	x       evaluator
	not     bool
	hasNull bool
	ints    map[int64]struct{}
	strs    map[string]struct{}
}

// newInSetExpr returns the set form of x IN list, or nil when the list
// is not all constants of a datum kind the set supports.
func newInSetExpr(not bool, x evaluator, list []evaluator) evaluator {
	e := &inSetExpr{x: x, not: not}
	switch x.typ().ArrowType().ID() {
	case arrow.INT16, arrow.INT32, arrow.INT64, arrow.DATE32, arrow.TIMESTAMP:
		e.ints = map[int64]struct{}{}
	case arrow.STRING:
		if x.typ().Family == types.NumericFamily {
			return nil
		}
		e.strs = map[string]struct{}{}
	default:
		return nil
	}
	for _, item := range list {
		if !e.add(x.typ(), item) {
			return nil
		}
	}
	return e
}

// add puts a constant item into the set; false when it cannot.
func (e *inSetExpr) add(xt types.T, item evaluator) bool {
	d, ok := asConst(item)
	if !ok || !sameDatumKind(xt, item.typ()) {
		return false
	}
	switch v := d.(type) {
	case nil:
		e.hasNull = true
	case int64:
		e.ints[v] = struct{}{}
	case types.Date:
		e.ints[int64(v)] = struct{}{}
	case types.Timestamp:
		e.ints[int64(v)] = struct{}{}
	case string:
		e.strs[v] = struct{}{}
	default:
		return false
	}
	return true
}

// sameDatumKind reports whether values of a and b compare as the same
// Go values (every integer width is int64; text and varchar are strings).
func sameDatumKind(a, b types.T) bool {
	switch {
	case a.IsInteger():
		return b.IsInteger()
	case a.IsString():
		return b.IsString()
	}
	return a.Family == b.Family
}

func (e *inSetExpr) typ() types.T { return types.BoolType }

func (e *inSetExpr) eval(c *evalCtx, rec arrow.Record, sel []bool) (arrow.Array, error) {
	arr, err := e.x.eval(c, rec, sel)
	if err != nil {
		return nil, err
	}
	defer arr.Release()
	n := int(rec.NumRows())
	out := newBoolBuilder(c.alloc, n)
	bits := out.bits.Bytes()
	var found func(i int) bool
	if e.strs != nil {
		s := arr.(*array.String)
		found = func(i int) bool { _, ok := e.strs[s.Value(i)]; return ok }
	} else {
		vals := intsOf(arr, nil)
		found = func(i int) bool { _, ok := e.ints[vals[i]]; return ok }
	}
	for i := 0; i < n; i++ {
		switch {
		case arr.IsNull(i):
			out.setNull(c.alloc, i)
		case found(i):
			setBit(bits, i, !e.not)
		case e.hasNull:
			out.setNull(c.alloc, i)
		default:
			setBit(bits, i, e.not)
		}
	}
	return out.finish(), nil
}
