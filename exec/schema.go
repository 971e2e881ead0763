package exec

import (
	"strconv"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/quiverdb/quiver/internal/types"
)

// Field metadata keys that keep a column's SQL type recoverable from its
// Arrow field.
const (
	metaFamily    = "quiver.family"
	metaWidth     = "quiver.width"
	metaPrecision = "quiver.precision"
	metaScale     = "quiver.scale"
)

// Schema returns the Arrow schema of columns of types ts named names
// (names may be shorter than ts: missing names are "?column?"). Each
// field's metadata records its types.T so that TypesOf can recover it.
func Schema(ts []types.T, names []string) *arrow.Schema {
	fields := make([]arrow.Field, len(ts))
	for i, t := range ts {
		name := "?column?"
		if i < len(names) && names[i] != "" {
			name = names[i]
		}
		fields[i] = arrow.Field{Name: name, Type: t.ArrowType(), Nullable: true, Metadata: typeMetadata(t)}
	}
	return arrow.NewSchema(fields, nil)
}

func typeMetadata(t types.T) arrow.Metadata {
	return arrow.NewMetadata(
		[]string{metaFamily, metaWidth, metaPrecision, metaScale},
		[]string{
			strconv.Itoa(int(t.Family)), strconv.Itoa(int(t.Width)),
			strconv.Itoa(int(t.Precision)), strconv.Itoa(int(t.Scale)),
		})
}

// TypesOf returns the SQL types of schema's fields, as Schema recorded
// them. A field without Quiver metadata gets the type its Arrow type
// implies (string columns are text).
func TypesOf(schema *arrow.Schema) []types.T {
	ts := make([]types.T, schema.NumFields())
	for i, f := range schema.Fields() {
		ts[i] = typeOfField(f)
	}
	return ts
}

func typeOfField(f arrow.Field) types.T {
	md := f.Metadata
	fam := md.FindKey(metaFamily)
	if fam < 0 {
		return typeOfArrow(f.Type)
	}
	return types.T{
		Family:    types.Family(metaInt(md, fam)),
		Width:     int32(metaInt(md, md.FindKey(metaWidth))),
		Precision: int32(metaInt(md, md.FindKey(metaPrecision))),
		Scale:     int32(metaInt(md, md.FindKey(metaScale))),
	}
}

func metaInt(md arrow.Metadata, i int) int {
	if i < 0 {
		return 0
	}
	n, _ := strconv.Atoi(md.Values()[i])
	return n
}

func typeOfArrow(dt arrow.DataType) types.T {
	switch dt.ID() {
	case arrow.BOOL:
		return types.BoolType
	case arrow.INT16:
		return types.Int2Type
	case arrow.INT32:
		return types.Int4Type
	case arrow.INT64:
		return types.Int8Type
	case arrow.FLOAT32:
		return types.Float4Type
	case arrow.FLOAT64:
		return types.Float8Type
	case arrow.DATE32:
		return types.DateType
	case arrow.TIMESTAMP:
		if dt.(*arrow.TimestampType).TimeZone != "" {
			return types.TimestampTZType
		}
		return types.TimestampType
	case arrow.NULL:
		return types.UnknownType
	}
	return types.TextType
}
