package sql

import (
	"time"

	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/planner"
)

// binder turns one parsed statement into a bound statement.
type binder struct {
	cat   planner.Catalog
	query string // the whole query string, for error positions
	// params are the parameter types, given or inferred so far.
	params []types.T
	// paramRefs are every parameter expression built, retyped when the
	// parameter's type is inferred.
	paramRefs []*execpb.Expr
	// vars evaluates session functions at bind time.
	vars varReader
	now  time.Time
	// loc is the session time zone; nil is UTC.
	loc *time.Location
	// colRefs maps bound column references to their source, for errors.
	colRefs map[*execpb.Expr]colRef
	// aggs collects the aggregate calls of the statement being bound; nil
	// where aggregates are not allowed.
	aggs *aggCollector
	// aggWhere names the clause for "aggregate functions are not allowed
	// in X".
	aggWhere string
	// noParams rejects $n (a simple-protocol query has no parameters).
	noParams bool
}

// varReader is what binding needs from the session.
type varReader interface {
	getVar(name string) (string, error)
	setVar(name, value string) error
	database() string
	user() string
	// statement returns a prepared statement by name, or 26000.
	statement(name string) (*Prepared, error)
	// cursorColumns returns an open cursor's columns, or 34000.
	cursorColumns(name string) ([]Column, error)
}

func newBinder(cat planner.Catalog, query string, params []types.T, vars varReader, now time.Time) *binder {
	b := &binder{cat: cat, query: query, params: append([]types.T(nil), params...), vars: vars, now: now}
	if tz, err := vars.getVar("timezone"); err == nil {
		if loc := timeZone(tz); loc != time.UTC {
			b.loc = loc
		}
	}
	return b
}

// errAt attaches the statement position of byte offset loc to err, unless
// it already has one.
func (b *binder) errAt(err error, loc int32) error {
	if err == nil || loc < 0 {
		return err
	}
	e := pgerror.Flatten(err)
	if e.Position != 0 {
		return e
	}
	e.Position = charPos(b.query, loc)
	return e
}

// paramType returns the current type of $n, growing the list.
func (b *binder) paramType(n int) types.T {
	for len(b.params) < n {
		b.params = append(b.params, types.UnknownType)
	}
	return b.params[n-1]
}

// setParamType records the inferred type of $n and retypes its uses.
func (b *binder) setParamType(n int, t types.T) {
	b.paramType(n)
	if b.params[n-1].Family != types.UnknownFamily {
		return
	}
	b.params[n-1] = t
	for _, p := range b.paramRefs {
		if p.Param == n {
			p.Type = t
		}
	}
}

// finishParams fails with 42P18 when a parameter's type is still unknown.
func (b *binder) finishParams() ([]types.T, error) {
	for i, t := range b.params {
		if t.Family == types.UnknownFamily {
			return nil, pgerror.Newf(pgerror.IndeterminateDatatype, "could not determine data type of parameter $%d", i+1)
		}
	}
	return b.params, nil
}
