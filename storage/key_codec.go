package storage

import (
	"encoding/binary"

	"github.com/cockroachdb/apd/v3"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
)

// EncodeKey appends a table key (no shard prefix): table, index, then vals
// (never NULL) order-preserving encoded by their types.
func EncodeKey(buf []byte, table, index uint32, vals []types.Datum, ts []types.T) ([]byte, error) {
	if len(vals) != len(ts) {
		return nil, pgerror.AssertionFailedf("EncodeKey: %d values, %d types", len(vals), len(ts))
	}
	buf = binary.BigEndian.AppendUint32(buf, table)
	buf = binary.BigEndian.AppendUint32(buf, index)
	for i, v := range vals {
		var err error
		if buf, err = AppendKeyDatum(buf, ts[i], v); err != nil {
			return nil, err
		}
	}
	return buf, nil
}

// AppendKeyDatum appends one non-NULL key column of type t.
func AppendKeyDatum(buf []byte, t types.T, d types.Datum) ([]byte, error) {
	if d == nil {
		return nil, pgerror.AssertionFailedf("key column of type %s is NULL", t)
	}
	switch t.Family {
	case types.BoolFamily:
		if v, ok := d.(bool); ok {
			return append(buf, boolByte(v)), nil
		}
	case types.Int2Family, types.Int4Family, types.Int8Family:
		if v, ok := d.(int64); ok {
			return AppendKeyInt(buf, v, intWidth(t)), nil
		}
	case types.Float4Family:
		if v, ok := d.(float64); ok {
			return AppendKeyFloat32(buf, float32(v)), nil
		}
	case types.Float8Family:
		if v, ok := d.(float64); ok {
			return AppendKeyFloat64(buf, v), nil
		}
	case types.NumericFamily:
		if v, ok := d.(*apd.Decimal); ok {
			return AppendKeyNumeric(buf, v)
		}
	case types.TextFamily, types.VarcharFamily, types.UnknownFamily:
		if v, ok := d.(string); ok {
			return AppendKeyBytes(buf, v), nil
		}
	case types.DateFamily:
		if v, ok := d.(types.Date); ok {
			return AppendKeyInt(buf, int64(v), 4), nil
		}
	case types.TimestampFamily, types.TimestampTZFamily:
		if v, ok := d.(types.Timestamp); ok {
			return AppendKeyInt(buf, int64(v), 8), nil
		}
	}
	return nil, pgerror.AssertionFailedf("cannot encode %T as a key of type %s", d, t)
}

// DecodeKey decodes a table key's columns (after table and index IDs) into
// out[:len(ts)].
func DecodeKey(tableKey []byte, ts []types.T, out []types.Datum) error {
	if len(tableKey) < tablePrefixLen || len(out) < len(ts) {
		return errKeyCorrupt
	}
	b := tableKey[tablePrefixLen:]
	for i, t := range ts {
		var err error
		if out[i], b, err = DecodeKeyDatum(b, t); err != nil {
			return err
		}
	}
	if len(b) != 0 {
		return errKeyCorrupt
	}
	return nil
}

// DecodeKeyDatum decodes one key column of type t and returns the rest.
func DecodeKeyDatum(b []byte, t types.T) (types.Datum, []byte, error) {
	switch t.Family {
	case types.BoolFamily:
		if len(b) == 0 || b[0] > 1 {
			return nil, nil, errKeyCorrupt
		}
		return b[0] == 1, b[1:], nil
	case types.Int2Family, types.Int4Family, types.Int8Family:
		return DecodeKeyInt(b, intWidth(t))
	case types.Float4Family:
		f, rest, err := DecodeKeyFloat32(b)
		return float64(f), rest, err
	case types.Float8Family:
		return DecodeKeyFloat64(b)
	case types.NumericFamily:
		nk, rest, err := decodeNumericKey(b, nil)
		if err != nil {
			return nil, nil, err
		}
		d, err := nk.decimal(numericScale(t))
		return d, rest, err
	case types.TextFamily, types.VarcharFamily, types.UnknownFamily:
		s, rest, _, err := DecodeKeyBytes(b, nil)
		return string(s), rest, err
	case types.DateFamily:
		v, rest, err := DecodeKeyInt(b, 4)
		return types.Date(v), rest, err
	case types.TimestampFamily, types.TimestampTZFamily:
		v, rest, err := DecodeKeyInt(b, 8)
		return types.Timestamp(v), rest, err
	}
	return nil, nil, pgerror.Newf(pgerror.FeatureNotSupported, "storage: no key encoding for type %s", t)
}

// SkipKeyDatum returns b after one key column of type t.
func SkipKeyDatum(b []byte, t types.T) ([]byte, error) {
	if w := keyFixedWidth(t); w > 0 {
		if len(b) < w {
			return nil, errKeyCorrupt
		}
		return b[w:], nil
	}
	if t.Family == types.NumericFamily {
		_, rest, err := decodeNumericKey(b, nil)
		return rest, err
	}
	return SkipKeyBytes(b)
}

// AppendKeyNumericText decodes one numeric key column of type t and
// appends its PostgreSQL text to dst; scratch is reused for the digits.
func AppendKeyNumericText(dst, b, scratch []byte, t types.T) (text, rest, newScratch []byte, err error) {
	nk, rest, err := decodeNumericKey(b, scratch)
	if err != nil {
		return dst, nil, scratch, err
	}
	return nk.appendText(dst, numericScale(t)), rest, nk.digits, nil
}

// keyFixedWidth is the encoded width of a fixed-width key type, else 0.
func keyFixedWidth(t types.T) int {
	switch t.Family {
	case types.BoolFamily:
		return 1
	case types.Int2Family, types.Int4Family, types.Int8Family:
		return intWidth(t)
	case types.Float4Family, types.DateFamily:
		return 4
	case types.Float8Family, types.TimestampFamily, types.TimestampTZFamily:
		return 8
	}
	return 0
}

func intWidth(t types.T) int {
	switch t.Family {
	case types.Int2Family:
		return 2
	case types.Int4Family:
		return 4
	}
	return 8
}

// numericScale is the display scale of numeric(p,s), or -1.
func numericScale(t types.T) int32 {
	if t.Precision > 0 {
		return t.Scale
	}
	return -1
}

func boolByte(v bool) byte {
	if v {
		return 1
	}
	return 0
}
