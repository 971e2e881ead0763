package fastinsert

import (
	"testing"

	"github.com/quiverdb/quiver/sql/fastinsert/fastinserttest"
)

// FuzzParse checks that Parse never panics and that whatever it accepts
// pg_query parses into the same statement. Run with
// `go test -fuzz=FuzzParse ./sql/fastinsert`.
func FuzzParse(f *testing.F) {
	for _, q := range []string{
		"INSERT INTO t VALUES (1, 2, 3.5, 'x'), (4, 5, 6.5, 'y');",
		`insert into "S"."T" (a, "b""c") values (-1, - 2.5e3, +.5, 'it''s', NULL, DEFAULT, true, $1)`,
		"/* a /* b */ */ INSERT --c\nINTO t VALUES ('é', -/**/2147483648)",
		"INSERT INTO t VALUES ('a'\n'b')", "INSERT INTO t VALUES (0x10, 1_000, 1e, 1..2)",
		"INSERT INTO t VALUES (1::int) RETURNING *", "INSERT INTO select VALUES ($0)",
	} {
		f.Add(q)
	}
	g := fastinserttest.New(1, 0.05)
	for i := 0; i < 50; i++ {
		q, _ := g.Statement(4, 3)
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		got, ok := Parse(q)
		if !ok {
			return
		}
		if err := checkAgainstOracle(q, got); err != nil {
			t.Fatalf("%q: %v", q, err)
		}
	})
}
