package types

import (
	"bytes"
	"encoding/hex"
	"math"
	"math/rand"
	"testing"

	"github.com/cockroachdb/apd/v3"
	"github.com/jackc/pgx/v5/pgtype"
)

// TestBinaryAgainstPostgres compares with PostgreSQL 15's *send functions
// (numeric_send, date_send, ...).
func TestBinaryAgainstPostgres(t *testing.T) {
	tests := []struct {
		typ, in, hex string
	}{
		{"numeric", "12.345", "0002000000000003000c0d7a"},
		{"numeric", "-0.5", "0001ffff400000011388"},
		{"numeric", "NaN", "00000000c0000000"},
		{"numeric", "Infinity", "00000000d0000020"},
		{"numeric", "-Infinity", "00000000f0000020"},
		{"numeric", "0", "0000000000000000"},
		{"numeric", "10000", "00010001000000000001"},
		{"numeric", "0.00001", "0001fffe0000000503e8"},
		{"numeric", "123456789.1", "0004000200000001000109291a8503e8"},
		{"numeric", "0.00", "0000000000000002"},
		{"numeric", "-1e20", "00010005400000000001"},
		{"numeric", "1.50", "000200000000000200011388"},
		{"numeric", "99999999.99990000", "0003000100000008270f270f270f"},
		{"numeric", "1e-20", "0001fffb000000140001"},
		{"date", "2024-01-02", "0000223f"},
		{"date", "infinity", "7fffffff"},
		{"date", "1970-01-01", "ffffd533"},
		{"timestamp", "2024-01-02 03:04:05.5", "0002b0ec851d9460"},
		{"timestamptz", "-infinity", "8000000000000000"},
		{"timestamp", "1999-12-31 23:59:59.999999", "ffffffffffffffff"},
		{"float8", "0.1", "3fb999999999999a"},
		{"float4", "0.1", "3dcccccd"},
		{"int2", "-2", "fffe"},
		{"int4", "-2", "fffffffe"},
		{"int8", "-2", "fffffffffffffffe"},
		{"bool", "true", "01"},
		{"text", "hé", "68c3a9"},
	}
	for _, tc := range tests {
		typ := mustType(t, tc.typ)
		d := mustParse(t, typ, tc.in)
		got, err := EncodeBinary(nil, typ, d)
		if err != nil || hex.EncodeToString(got) != tc.hex {
			t.Errorf("EncodeBinary(%s %s) = %x, %v; want %s", typ, tc.in, got, err, tc.hex)
			continue
		}
		back, err := DecodeBinary(typ, got)
		if err != nil || FormatText(typ, back) != FormatText(typ, d) {
			t.Errorf("DecodeBinary(%s %x) = %v, %v", typ, got, back, err)
		}
	}
}

func TestDecodeBinaryMalformed(t *testing.T) {
	tests := []struct {
		typ, hex, code string
	}{
		{"int4", "000001", "22P03"},
		{"int8", "", "22P03"},
		{"bool", "0101", "22P03"},
		{"float8", "00", "22P03"},
		{"date", "00000000ff", "22P03"},
		{"timestamp", "01", "22P03"},
		{"numeric", "000100", "22P03"},
		{"numeric", "0002000000000000000c", "22P03"}, // short digits
		{"numeric", "0001000012340000000c", "22P03"}, // bad sign
		{"numeric", "00010000000000002710", "22P03"}, // digit 10000
		{"numeric", "000100000000ffff0001", "22P03"}, // bad scale
		{"text", "ff", "22021"},
		{"varchar(2)", "616263", "22001"},
		{"date", "7ffffffe", "22008"},
	}
	for _, tc := range tests {
		if tc.code == "" {
			continue
		}
		src, _ := hex.DecodeString(tc.hex)
		if _, err := DecodeBinary(mustType(t, tc.typ), src); codeOf(err) != tc.code {
			t.Errorf("DecodeBinary(%s, %s) = %v, want %s", tc.typ, tc.hex, err, tc.code)
		}
	}
	// 10000 does not fit numeric(3,0).
	if _, err := DecodeBinary(mustType(t, "numeric(3,0)"), mustHex(t, "00010001000000000001")); codeOf(err) != "22003" {
		t.Errorf("numeric(3,0) overflow: %v", err)
	}
	// Digits beyond dscale are truncated: 1.9500 with dscale 1 is 1.9.
	d, err := DecodeBinary(NumericType, mustHex(t, "00020000000000010001251c"))
	if err != nil || FormatText(NumericType, d) != "1.9" {
		t.Errorf("dscale truncation: %v, %v", d, err)
	}
}

func mustHex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestBinaryRoundTripWithPgtype round-trips random values through our
// codec and checks pgx's pgtype decodes our bytes to the same value.
func TestBinaryRoundTripWithPgtype(t *testing.T) {
	rng := rand.New(rand.NewSource(6))
	m := pgtype.NewMap()
	for i := 0; i < 3000; i++ {
		n := apd.New(rng.Int63()>>uint(rng.Intn(63)), int32(rng.Intn(40)-30))
		n.Negative = rng.Intn(2) == 0
		d, err := Cast(n, NumericType, NumericType)
		if err != nil {
			t.Fatal(err)
		}
		if d.(*Decimal).Exponent > 0 {
			d = roundNumeric(d.(*Decimal), 0)
		}
		buf := roundTripBinary(t, NumericType, d)
		var pn pgtype.Numeric
		if err := m.Scan(OidNumeric, pgtype.BinaryFormatCode, buf, &pn); err != nil {
			t.Fatalf("pgtype rejects %x: %v", buf, err)
		}
		want := mustParse(t, NumericType, FormatText(NumericType, d)).(*Decimal)
		got := apd.NewWithBigInt(new(apd.BigInt).SetMathBigInt(pn.Int), pn.Exp)
		if got.Cmp(want) != 0 {
			t.Fatalf("pgtype read %x as %s, want %s", buf, got, want)
		}

		ts := Timestamp(minTimestamp + int64(rng.Uint64()%uint64(uint64(endTimestamp)+uint64(-minTimestamp))))
		roundTripBinary(t, TimestampTZType, ts)
		roundTripBinary(t, DateType, Date(minDateDays+rng.Int63n(maxDateDays-minDateDays)))
		roundTripBinary(t, Float8Type, math.Float64frombits(rng.Uint64()))
		roundTripBinary(t, Int2Type, int64(int16(rng.Uint32())))
	}
}

func roundTripBinary(t *testing.T, typ T, d Datum) []byte {
	t.Helper()
	buf, err := EncodeBinary(nil, typ, d)
	if err != nil {
		t.Fatal(err)
	}
	back, err := DecodeBinary(typ, buf)
	if err != nil {
		t.Fatalf("DecodeBinary(%s, %x): %v", typ, buf, err)
	}
	if FormatText(typ, back) != FormatText(typ, d) {
		t.Fatalf("%s %s round-tripped to %s", typ, FormatText(typ, d), FormatText(typ, back))
	}
	again, _ := EncodeBinary(nil, typ, back)
	if !bytes.Equal(again, buf) {
		t.Fatalf("%s re-encodes as %x, want %x", typ, again, buf)
	}
	return buf
}
