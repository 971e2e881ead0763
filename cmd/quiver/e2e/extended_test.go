package e2e

import (
	"math/big"
	"reflect"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
)

// typedValues is one row of every supported type, with pgx's Go values.
type typedValues struct {
	I2  int16
	I4  int32
	I8  int64
	F4  float32
	F8  float64
	N   pgtype.Numeric
	T   string
	VC  string
	B   bool
	D   time.Time
	TS  time.Time
	TZ  time.Time
	Nul *int32
}

const typesDDL = `CREATE TABLE typed (k INT PRIMARY KEY, i2 SMALLINT, i4 INTEGER, i8 BIGINT,
  f4 REAL, f8 DOUBLE PRECISION, n NUMERIC(12,3), t TEXT, vc VARCHAR(10), b BOOLEAN,
  d DATE, ts TIMESTAMP, tz TIMESTAMPTZ, nul INTEGER)`

func sampleValues() []typedValues {
	return []typedValues{
		{
			I2: -32768, I4: 2147483647, I8: -9223372036854775808, F4: 1.5, F8: 0.1,
			N: pgtype.Numeric{Int: big.NewInt(-1234567), Exp: -3, Valid: true}, T: "héllo\tworld", VC: "short", B: true,
			D:  time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC),
			TS: time.Date(1999, 12, 31, 23, 59, 59, 123456000, time.UTC),
			TZ: time.Date(2000, 1, 1, 12, 0, 0, 1000, time.UTC),
		},
		{
			I2: 1, I4: -1, I8: 42, F4: -0.25, F8: 1e300,
			N: pgtype.Numeric{Int: big.NewInt(5), Exp: 0, Valid: true}, T: "", VC: "", B: false,
			D:  time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC),
			TS: time.Date(2038, 1, 19, 3, 14, 8, 0, time.UTC),
			TZ: time.Date(1960, 6, 1, 8, 30, 0, 0, time.UTC),
		},
	}
}

// TestBinaryRoundTrip sends every type as a parameter and reads it back
// through the extended protocol, whose results pgx asks for in binary.
func TestBinaryRoundTrip(t *testing.T) {
	s := sqlServer(t)
	conn := s.connect(t)
	ctx := testCtx(t)
	mustExec(t, conn, typesDDL)
	for i, v := range sampleValues() {
		mustExec(t, conn, `INSERT INTO typed VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
			i, v.I2, v.I4, v.I8, v.F4, v.F8, v.N, v.T, v.VC, v.B, v.D, v.TS, v.TZ, v.Nul)
	}
	for i, want := range sampleValues() {
		var got typedValues
		err := conn.QueryRow(ctx, `SELECT i2, i4, i8, f4, f8, n, t, vc, b, d, ts, tz, nul FROM typed WHERE k = $1`, i).
			Scan(&got.I2, &got.I4, &got.I8, &got.F4, &got.F8, &got.N, &got.T, &got.VC, &got.B, &got.D, &got.TS, &got.TZ, &got.Nul)
		if err != nil {
			t.Fatalf("row %d: %v", i, err)
		}
		got.TZ = got.TZ.UTC()
		if !equalNumeric(got.N, want.N) {
			t.Errorf("row %d numeric = %+v, want %+v", i, got.N, want.N)
		}
		got.N, want.N = pgtype.Numeric{}, pgtype.Numeric{}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("row %d:\n got %+v\nwant %+v", i, got, want)
		}
	}
}

// equalNumeric compares numerics by value (the scale is the column's).
func equalNumeric(a, b pgtype.Numeric) bool {
	fa, errA := a.Float64Value()
	fb, errB := b.Float64Value()
	return errA == nil && errB == nil && fa == fb && a.Valid == b.Valid
}

// TestBinaryResultsOfEveryType reads constants of every type in binary and
// compares them with the text format PostgreSQL defines.
func TestBinaryResultsOfEveryType(t *testing.T) {
	s := sqlServer(t)
	conn := s.connect(t)
	mustExec(t, conn, typesDDL)
	for i, v := range sampleValues() {
		mustExec(t, conn, `INSERT INTO typed VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
			i, v.I2, v.I4, v.I8, v.F4, v.F8, v.N, v.T, v.VC, v.B, v.D, v.TS, v.TZ, v.Nul)
	}
	// The text of each value, through the simple protocol, must be
	// PostgreSQL's.
	mustExec(t, conn, "SET TimeZone = 'UTC'")
	want := []string{"-32768", "2147483647", "-9223372036854775808", "1.5", "0.1", "-1234.567", "héllo\tworld",
		"short", "t", "2024-02-29", "1999-12-31 23:59:59.123456", "2000-01-01 12:00:00.000001+00", ""}
	rows, err := conn.Query(testCtx(t), "SELECT i2, i4, i8, f4, f8, n, t, vc, b, d, ts, tz, nul FROM typed WHERE k = 0",
		pgx.QueryExecModeSimpleProtocol)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if !rows.Next() {
		t.Fatalf("no row: %v", rows.Err())
	}
	for i, raw := range rows.RawValues() {
		if string(raw) != want[i] {
			t.Errorf("column %d text = %q, want %q", i, raw, want[i])
		}
	}
}

func TestPreparedStatementReuse(t *testing.T) {
	s := sqlServer(t)
	conn := s.connect(t)
	ctx := testCtx(t)
	mustExec(t, conn, "CREATE TABLE t (k INT PRIMARY KEY, v TEXT)")
	if _, err := conn.Prepare(ctx, "ins", "INSERT INTO t VALUES ($1, $2)"); err != nil {
		t.Fatal(err)
	}
	sd, err := conn.Prepare(ctx, "get", "SELECT v FROM t WHERE k = $1")
	if err != nil {
		t.Fatal(err)
	}
	if len(sd.ParamOIDs) != 1 || sd.ParamOIDs[0] != pgtype.Int4OID || len(sd.Fields) != 1 || sd.Fields[0].DataTypeOID != pgtype.TextOID {
		t.Errorf("prepared description: params %v fields %+v", sd.ParamOIDs, sd.Fields)
	}
	for k := 1; k <= 20; k++ {
		if _, err := conn.Exec(ctx, "ins", k, "v"); err != nil {
			t.Fatalf("exec %d: %v", k, err)
		}
	}
	for k := 1; k <= 20; k++ {
		var v string
		if err := conn.QueryRow(ctx, "get", k).Scan(&v); err != nil || v != "v" {
			t.Fatalf("get %d: %q, %v", k, v, err)
		}
	}
	// The statement survives an error in between.
	if _, err := conn.Exec(ctx, "ins", 1, "dup"); pgCode(err) != "23505" {
		t.Errorf("duplicate through prepared statement: %v", err)
	}
	var v string
	if err := conn.QueryRow(ctx, "get", 20).Scan(&v); err != nil {
		t.Errorf("after error: %v", err)
	}
}

// TestCachedStatementAfterSchemaChange runs a statement pgx cached (a
// server-side prepared statement) after its table was recreated with other
// columns: PostgreSQL answers 0A000 "cached plan must not change result
// type", and the session goes on.
func TestCachedStatementAfterSchemaChange(t *testing.T) {
	s := sqlServer(t)
	conn := s.connect(t)
	ctx := testCtx(t)
	mustExec(t, conn, "CREATE TABLE t (k INT PRIMARY KEY, v TEXT)")
	mustExec(t, conn, "INSERT INTO t VALUES (1, 'a')")
	sd, err := conn.Prepare(ctx, "all", "SELECT * FROM t")
	if err != nil {
		t.Fatal(err)
	}
	mustExec(t, conn, "DROP TABLE t")
	mustExec(t, conn, "CREATE TABLE t (k INT PRIMARY KEY, v TEXT, extra BIGINT)")
	mustExec(t, conn, "INSERT INTO t VALUES (1, 'a', 2)")
	// Run the old statement as it was described, as a driver with a
	// statement cache does.
	res := conn.PgConn().ExecPrepared(ctx, sd.Name, nil, nil, []int16{pgtype.TextFormatCode}).Read()
	var pgErr *pgconn.PgError
	if res.Err == nil || pgCode(res.Err) != "0A000" {
		t.Errorf("cached statement after DROP/CREATE: %v, want SQLSTATE 0A000", res.Err)
	} else if errorsAs(res.Err, &pgErr) && pgErr.Message != "cached plan must not change result type" {
		t.Errorf("message = %q", pgErr.Message)
	}
	var n int64
	if err := conn.QueryRow(ctx, "SELECT extra FROM t WHERE k = 1").Scan(&n); err != nil || n != 2 {
		t.Errorf("session after 0A000: %d, %v", n, err)
	}
}
