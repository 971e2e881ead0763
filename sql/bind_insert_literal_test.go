package sql

import (
	"fmt"
	"testing"
	"time"

	"github.com/quiverdb/quiver/internal/types"
)

// TestLiteralRowMatchesBinder checks that the literal fast path yields
// the very values the general binder computes, and declines exactly
// where the general path fails.
func TestLiteralRowMatchesBinder(t *testing.T) {
	s := newTestSession(t)
	mustRun(t, s, `CREATE TABLE l (k INT PRIMARY KEY, i2 SMALLINT, i8 BIGINT DEFAULT 42, f4 REAL, f8 FLOAT8, n NUMERIC(6,2),
		nu NUMERIC, tx TEXT DEFAULT 'dflt', vc VARCHAR, vc2 VARCHAR(2), b BOOL, d DATE, ts TIMESTAMP, tz TIMESTAMPTZ)`)
	lits := []string{"1", "-5", "3000000000", "-9223372036854775808", "99999999999999999999", "1.555", "-0.5", "1e3",
		"'12'", "'abc'", "'2024-01-02'", "'2024-01-02 03:04:05+02'", "true", "NULL", "DEFAULT", "'t'", "32768", "''"}
	st, db, err := s.state()
	if err != nil {
		t.Fatal(err)
	}
	cols := []string{"i2", "i8", "f4", "f8", "n", "nu", "tx", "vc", "vc2", "b", "d", "ts", "tz"}
	for _, c := range cols {
		for _, lit := range lits {
			q := fmt.Sprintf("INSERT INTO l (k, %s) VALUES (1, %s)", c, lit)
			raws, err := parse(q)
			if err != nil {
				t.Fatal(err)
			}
			b := newBinder(newCatalogView(st, db), q, nil, s, time.Now())
			ins := raws[0].node.GetInsertStmt()
			tbl, _ := b.resolveTable(ins.Relation)
			targets, _ := b.insertTargets(tbl, ins.Cols)
			items := ins.SelectStmt.GetSelectStmt().ValuesLists[0].GetList().Items
			fast, ok := (&binder{}).literalRow(tbl, targets, items)
			row, err := b.bindInsertRow(tbl, targets, items)
			var slow []types.Datum
			if err == nil {
				slow, err = evalRow(t.Context(), row, nil)
			}
			switch {
			case !ok:
				continue // declined: the general path decides
			case err != nil:
				t.Errorf("%s: fast path gave %v, binder fails: %v", q, fast, err)
			default:
				for i := range tbl.Columns {
					if fmt.Sprint(fast[i]) != fmt.Sprint(slow[i]) && !(fast[i] == nil && tbl.Columns[i].Hidden) {
						t.Errorf("%s: column %s fast %v binder %v", q, tbl.Columns[i].Name, fast[i], slow[i])
					}
				}
			}
		}
	}
}
