package exec

import (
	"strings"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/quiverdb/quiver/internal/types"
)

// compareCells orders row i of a and row j of b, two non-NULL cells of
// the same type t.
func compareCells(t types.T, a arrow.Array, i int, b arrow.Array, j int) int {
	switch x := a.(type) {
	case *array.Int16:
		return cmpInt(int64(x.Value(i)), int64(b.(*array.Int16).Value(j)))
	case *array.Int32:
		return cmpInt(int64(x.Value(i)), int64(b.(*array.Int32).Value(j)))
	case *array.Int64:
		return cmpInt(x.Value(i), b.(*array.Int64).Value(j))
	case *array.Float32:
		return floatCmp(x.Value(i), b.(*array.Float32).Value(j))
	case *array.Float64:
		return floatCmp(x.Value(i), b.(*array.Float64).Value(j))
	case *array.Date32:
		return cmpInt(int64(x.Value(i)), int64(b.(*array.Date32).Value(j)))
	case *array.Timestamp:
		return cmpInt(int64(x.Value(i)), int64(b.(*array.Timestamp).Value(j)))
	case *array.Boolean:
		return cmpBool(x.Value(i), b.(*array.Boolean).Value(j))
	case *array.String:
		if t.Family != types.NumericFamily {
			return strings.Compare(x.Value(i), b.(*array.String).Value(j))
		}
	}
	return types.Compare(t, types.DatumAt(a, t, i), types.DatumAt(b, t, j))
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// appendCell appends row i of arr to b (of the same Arrow type).
func appendCell(b array.Builder, arr arrow.Array, i int) {
	if arr.IsNull(i) {
		b.AppendNull()
		return
	}
	switch x := arr.(type) {
	case *array.Int16:
		b.(*array.Int16Builder).Append(x.Value(i))
	case *array.Int32:
		b.(*array.Int32Builder).Append(x.Value(i))
	case *array.Int64:
		b.(*array.Int64Builder).Append(x.Value(i))
	case *array.Float32:
		b.(*array.Float32Builder).Append(x.Value(i))
	case *array.Float64:
		b.(*array.Float64Builder).Append(x.Value(i))
	case *array.Date32:
		b.(*array.Date32Builder).Append(x.Value(i))
	case *array.Timestamp:
		b.(*array.TimestampBuilder).Append(x.Value(i))
	case *array.Boolean:
		b.(*array.BooleanBuilder).Append(x.Value(i))
	case *array.String:
		b.(*array.StringBuilder).Append(x.Value(i))
	default:
		b.AppendNull()
	}
}
