package sql

import (
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v5"
	"github.com/quiverdb/quiver/sql/fastinsert"
)

// fastParseInsert recognises the statement bulk loaders send,
//
//	INSERT INTO [schema.]name [(col, ...)] VALUES (v, ...), ... [;]
//
// where every v is a literal, DEFAULT or $n, with fastinsert.Parse (which
// owns the scanning, keyword and literal rules), and builds the very parse
// tree pg_query would (same nodes, same locations) without the cost of
// the C parser and its protobuf round trip. Anything else, including
// every syntax error, returns false and goes to pg_query, so this is an
// optimisation only.
func fastParseInsert(query string) (rawStmt, bool) {
	ins, ok := fastinsert.Parse(query)
	if !ok {
		return rawStmt{}, false
	}
	stmt, ok := buildInsertTree(query, ins)
	if !ok {
		return rawStmt{}, false
	}
	node := &pg_query.Node{Node: &pg_query.Node_InsertStmt{InsertStmt: stmt}}
	return rawStmt{node: node, text: strings.TrimSpace(query[:ins.End])}, true
}

// buildInsertTree returns pg_query's InsertStmt for ins, or false when
// pg_query's tree for it is not one this builder makes (a unary '+').
func buildInsertTree(query string, ins *fastinsert.Insert) (*pg_query.InsertStmt, bool) {
	b := newTreeBuilder(query, ins.Rows)
	rows, ok := b.valuesLists(ins.Rows)
	if !ok {
		return nil, false
	}
	sel := &pg_query.SelectStmt{
		ValuesLists: rows,
		LimitOption: pg_query.LimitOption_LIMIT_OPTION_DEFAULT,
		Op:          pg_query.SetOperation_SETOP_NONE,
	}
	return &pg_query.InsertStmt{
		Relation: &pg_query.RangeVar{
			Schemaname: ins.Schema, Relname: ins.Table, Inh: true, Relpersistence: "p",
			Location: int32(ins.TableOff),
		},
		Cols:       columnTargets(ins.Columns),
		SelectStmt: &pg_query.Node{Node: &pg_query.Node_SelectStmt{SelectStmt: sel}},
		Override:   pg_query.OverridingKind_OVERRIDING_NOT_SET,
	}, true
}

// columnTargets returns the ResTargets pg_query makes of a column list.
func columnTargets(cols []fastinsert.Column) []*pg_query.Node {
	if cols == nil {
		return nil
	}
	out := make([]*pg_query.Node, len(cols))
	for i, c := range cols {
		rt := &pg_query.ResTarget{Name: c.Name, Location: int32(c.Off)}
		out[i] = &pg_query.Node{Node: &pg_query.Node_ResTarget{ResTarget: rt}}
	}
	return out
}

// treeBuilder makes the nodes of a VALUES list, which hold most of a bulk
// INSERT's allocations. Each kind of node comes from a slab sized for the
// whole statement, so a 1,000-row INSERT costs a few allocations per node
// type rather than several per value.
type treeBuilder struct {
	query  string
	items  []*pg_query.Node
	rows   slab[listSlot]
	consts slab[constSlot]
	ints   slab[intSlot]
	floats slab[floatSlot]
	strs   slab[strSlot]
	bools  slab[boolSlot]
}

// The slots group the nodes that make up one value, so that one slab
// element holds them all.
type (
	listSlot struct {
		node pg_query.Node
		wrap pg_query.Node_List
		list pg_query.List
	}
	constSlot struct {
		node pg_query.Node
		wrap pg_query.Node_AConst
		c    pg_query.A_Const
	}
	intSlot struct {
		wrap pg_query.A_Const_Ival
		v    pg_query.Integer
	}
	floatSlot struct {
		wrap pg_query.A_Const_Fval
		v    pg_query.Float
	}
	strSlot struct {
		wrap pg_query.A_Const_Sval
		v    pg_query.String
	}
	boolSlot struct {
		wrap pg_query.A_Const_Boolval
		v    pg_query.Boolean
	}
)

// newTreeBuilder sizes the slabs for rows, counting every Integer as an
// int4 (those that are not take room from the float slab's chunks).
func newTreeBuilder(query string, rows [][]fastinsert.Value) *treeBuilder {
	var n [fastinsert.Param + 1]int
	total := 0
	for _, row := range rows {
		total += len(row)
		for i := range row {
			if k := row[i].Kind; int(k) < len(n) {
				n[k]++
			}
		}
	}
	return &treeBuilder{
		query:  query,
		items:  make([]*pg_query.Node, total),
		rows:   makeSlab[listSlot](len(rows)),
		consts: makeSlab[constSlot](total - n[fastinsert.Default] - n[fastinsert.Param]),
		ints:   makeSlab[intSlot](n[fastinsert.Integer]),
		floats: makeSlab[floatSlot](n[fastinsert.Decimal]),
		strs:   makeSlab[strSlot](n[fastinsert.String]),
		bools:  makeSlab[boolSlot](n[fastinsert.Bool]),
	}
}

// slab hands out pointers into arrays of Ts: one of the size asked for,
// then, should that run out, chunks of up to 256.
type slab[T any] struct{ buf []T }

func makeSlab[T any](n int) slab[T] { return slab[T]{buf: make([]T, 0, n)} }

func (s *slab[T]) new() *T {
	if len(s.buf) == cap(s.buf) {
		s.buf = make([]T, 0, min(max(2*cap(s.buf), 4), 256))
	}
	s.buf = s.buf[:len(s.buf)+1]
	return &s.buf[len(s.buf)-1]
}

// valuesLists returns the SelectStmt's ValuesLists for rows.
func (b *treeBuilder) valuesLists(rows [][]fastinsert.Value) ([]*pg_query.Node, bool) {
	out := make([]*pg_query.Node, len(rows))
	for i, row := range rows {
		items := b.items[:len(row):len(row)]
		b.items = b.items[len(row):]
		for j := range row {
			n, ok := b.value(&row[j])
			if !ok {
				return nil, false
			}
			items[j] = n
		}
		s := b.rows.new()
		s.list.Items, s.wrap.List, s.node.Node = items, &s.list, &s.wrap
		out[i] = &s.node
	}
	return out, true
}

// value returns pg_query's node for v: an A_Const for a literal,
// SetToDefault for DEFAULT, ParamRef for $n. A number with a unary '+'
// is an A_Expr in pg_query's tree; value returns false for it.
func (b *treeBuilder) value(v *fastinsert.Value) (*pg_query.Node, bool) {
	loc := int32(v.Off)
	switch v.Kind {
	case fastinsert.Default:
		d := &pg_query.SetToDefault{Location: loc}
		return &pg_query.Node{Node: &pg_query.Node_SetToDefault{SetToDefault: d}}, true
	case fastinsert.Param:
		p := &pg_query.ParamRef{Number: v.Param, Location: loc}
		return &pg_query.Node{Node: &pg_query.Node_ParamRef{ParamRef: p}}, true
	case fastinsert.Integer, fastinsert.Decimal:
		if b.query[v.Off] == '+' {
			return nil, false
		}
	}
	s := b.consts.new()
	s.c.Location, s.wrap.AConst, s.node.Node = loc, &s.c, &s.wrap
	return &s.node, b.setConst(&s.c, v)
}

// setConst fills in c's value for the literal v the way PostgreSQL's
// grammar does: an integer that fits int4 (sign folded in) is an Integer,
// any other number a Float holding its text.
func (b *treeBuilder) setConst(c *pg_query.A_Const, v *fastinsert.Value) bool {
	switch v.Kind {
	case fastinsert.Null:
		c.Isnull = true
	case fastinsert.Bool:
		s := b.bools.new()
		s.v.Boolval, s.wrap.Boolval, c.Val = v.Bool, &s.v, &s.wrap
	case fastinsert.String:
		s := b.strs.new()
		s.v.Sval, s.wrap.Sval, c.Val = v.Text, &s.v, &s.wrap
	case fastinsert.Integer, fastinsert.Decimal:
		b.setNumber(c, v)
	default:
		return false
	}
	return true
}

func (b *treeBuilder) setNumber(c *pg_query.A_Const, v *fastinsert.Value) {
	if v.Kind == fastinsert.Integer {
		if n, ok := v.Int4(); ok {
			s := b.ints.new()
			s.v.Ival, s.wrap.Ival, c.Val = n, &s.v, &s.wrap
			return
		}
	}
	s := b.floats.new()
	s.v.Fval, s.wrap.Fval, c.Val = v.Text, &s.v, &s.wrap
}
