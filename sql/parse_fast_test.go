package sql

import (
	"math/rand"
	"strconv"
	"strings"
	"testing"

	pg_query "github.com/pganalyze/pg_query_go/v5"
	"github.com/quiverdb/quiver/sql/fastinsert"
	"github.com/quiverdb/quiver/sql/fastinsert/fastinserttest"
	"google.golang.org/protobuf/proto"
)

// checkFastParse requires that the fast path either declines q or builds
// exactly pg_query's tree and statement text.
func checkFastParse(t *testing.T, q string, wantFast bool) {
	t.Helper()
	r, ok := fastParseInsert(q)
	if ok != wantFast {
		t.Errorf("%q: fast path %v, want %v", q, ok, wantFast)
	}
	if !ok {
		return
	}
	res, err := pg_query.Parse(q)
	if err != nil {
		t.Errorf("%q: fast path accepted what pg_query rejects: %v", q, err)
		return
	}
	if len(res.Stmts) != 1 {
		t.Errorf("%q: pg_query found %d statements", q, len(res.Stmts))
		return
	}
	if !proto.Equal(res.Stmts[0].Stmt, r.node) {
		t.Errorf("%q: trees differ:\n pg_query %v\n fast     %v", q, res.Stmts[0].Stmt, r.node)
	}
	if want := pgQueryText(q, res.Stmts[0]); r.text != want {
		t.Errorf("%q: text %q, pg_query's %q", q, r.text, want)
	}
}

// pgQueryText is the statement text parse derives from pg_query's extent.
func pgQueryText(q string, s *pg_query.RawStmt) string {
	if s.StmtLen > 0 {
		q = q[s.StmtLocation : s.StmtLocation+s.StmtLen]
	}
	return strings.TrimSpace(q)
}

func TestFastParseInsert(t *testing.T) {
	for _, c := range []struct {
		q    string
		fast bool
	}{
		{"INSERT INTO t VALUES (1)", true},
		{"  insert   into T (a, B)\nvalues (1, -2, 'x''y', 1.5, -2147483648, NULL, true, DEFAULT, 1e3, 3000000000, .5, -0.25e-3) ; ", true},
		{"INSERT INTO t VALUES (1, 'é'), (2, '')", true},
		{"INSERT INTO t VALUES (2147483647, -2147483647, 2147483648, 99999999999999999999999)", true},
		{"INSERT INTO t VALUES (9223372036854775807, -9223372036854775808, -9223372036854775809, -0, 007, -007)", true},
		{"INSERT INTO t VALUES ('a\\b', FALSE, False, NuLL, $1, $12, - 5, -/* c */2.5, - 3000000000)", true},
		{"INSERT INTO t VALUES (1) -- c", true},
		{"/* ü */ INSERT INTO \"Tä\" (\"Ö\", x) VALUES ('€', 1) /* a */ ; -- b", true},
		{"INSERT INTO s.t VALUES (1)", true},
		{`INSERT INTO "T" VALUES (1)`, true},
		{"INSERT INTO t VALUES (1);;", false},
		{"INSERT INTO t VALUES (1); SELECT 1", false},
		{"INSERT INTO t VALUES (1,)", false},
		{"INSERT INTO t VALUES ()", false},
		{"INSERT INTO t VALUES (E'x')", false},
		{"INSERT INTO t VALUES ('a' 'b')", false},
		{"INSERT INTO t VALUES (1a)", false},
		{"INSERT INTO t VALUES (1.2.3)", false},
		{"INSERT INTO t VALUES (0x10)", false},
		{"INSERT INTO t VALUES (1_000)", false},
		{"INSERT INTO t VALUES (+1)", false},
		{"INSERT INTO t VALUES (1, + 2.5)", false},
		{"INSERT INTO t VALUES (- -1)", false},
		{"INSERT INTO t VALUES ($0)", false},
		{"INSERT INTO t VALUES (1), (1, 2)", false},
		{"INSERT INTO t VALUES (1) RETURNING k", false},
		{"INSERT INTO user VALUES (1)", false},
		{"INSERT INTO t (select) VALUES (1)", false},
		{"INSERT INTO t VALUES ('unterminated)", false},
		{"INSERT INTO t SELECT 1", false},
		{"INSERT INTO t DEFAULT VALUES", false},
	} {
		checkFastParse(t, c.q, c.fast)
	}
}

// TestFastParseInsertRandom compares the fast path with pg_query on
// random statements built from the values it handles, with junk spliced
// into some of them.
func TestFastParseInsertRandom(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	lits := []string{"0", "7", "-7", "2147483648", "-2147483648", "12.50", "-.5", "1e9", "1E-2", "'a'", "''''", "'x y'",
		"NULL", "null", "TRUE", "False", "DEFAULT", "99999999999999999999", "'-'", "00012", "$3", "- 4", "'ß'"}
	junk := []string{"(", ")", ",", "'", "-", "e", ".", ";", " ", "x", "+", "$", "/*", "--"}
	taken := 0
	for n := 0; n < 2000; n++ {
		var sb strings.Builder
		sb.WriteString("INSERT INTO tab")
		if rng.Intn(2) == 0 {
			sb.WriteString(" (a, b_2)")
		}
		sb.WriteString(" VALUES ")
		width := 1 + rng.Intn(3)
		for r := 0; r < 1+rng.Intn(3); r++ {
			if r > 0 {
				sb.WriteString(",")
			}
			sb.WriteString("(")
			for c := 0; c < width; c++ {
				if c > 0 {
					sb.WriteString(", ")
				}
				sb.WriteString(lits[rng.Intn(len(lits))])
			}
			sb.WriteString(")")
		}
		q := sb.String()
		if rng.Intn(3) == 0 {
			i := rng.Intn(len(q))
			q = q[:i] + junk[rng.Intn(len(junk))] + q[i:]
		}
		if _, ok := fastParseInsert(q); ok {
			taken++
			checkFastParse(t, q, true)
		}
	}
	if taken < 1000 {
		t.Errorf("fast path took only %d of 2000 statements", taken)
	}
}

// TestFastParseInsertGenerated compares the fast path with pg_query on
// fastinsert's generated statements: every one without a near miss or a
// unary '+' (an A_Expr, left to pg_query) takes the fast path and builds
// pg_query's tree.
func TestFastParseInsertGenerated(t *testing.T) {
	g := fastinserttest.New(20250101, 0.03)
	taken := 0
	for n := 0; n < 3000; n++ {
		q, bad := g.Statement(4, 4)
		_, accepted := fastinsert.Parse(q)
		if accepted == bad {
			t.Errorf("%q: fastinsert accepted %v with near miss %v", q, accepted, bad)
			continue
		}
		fast := accepted && !hasUnaryPlus(q)
		checkFastParse(t, q, fast)
		if fast {
			taken++
		}
	}
	if taken < 1000 {
		t.Errorf("fast path took only %d of 3000 statements", taken)
	}
}

// hasUnaryPlus reports whether pg_query's tree for q holds an A_Expr,
// which in a statement fastinsert accepts can only be a unary '+'.
func hasUnaryPlus(q string) bool {
	res, err := pg_query.Parse(q)
	if err != nil || len(res.Stmts) != 1 {
		return false
	}
	sel := res.Stmts[0].Stmt.GetInsertStmt().GetSelectStmt().GetSelectStmt()
	for _, l := range sel.GetValuesLists() {
		for _, item := range l.GetList().GetItems() {
			if item.GetAExpr() != nil {
				return true
			}
		}
	}
	return false
}

// BenchmarkParseInsert compares the fast path with pg_query on the
// statement BenchmarkInsertValues executes.
func BenchmarkParseInsert(b *testing.B) {
	for _, rows := range []int{1, 1000} {
		q := valuesQuery(rows)
		b.Run("parser=fast/rows="+strconv.Itoa(rows), func(b *testing.B) {
			b.SetBytes(int64(len(q)))
			b.ReportAllocs()
			for b.Loop() {
				if _, ok := fastParseInsert(q); !ok {
					b.Fatal("declined")
				}
			}
		})
		b.Run("parser=pg_query/rows="+strconv.Itoa(rows), func(b *testing.B) {
			b.SetBytes(int64(len(q)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := pg_query.Parse(q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// FuzzFastParseInsert checks that whatever the fast path accepts,
// pg_query parses into the very same tree and statement text. Run with
// `go test -run='^$' -fuzz=FuzzFastParseInsert ./sql`.
func FuzzFastParseInsert(f *testing.F) {
	g := fastinserttest.New(5, 0.05)
	for i := 0; i < 50; i++ {
		q, _ := g.Statement(4, 3)
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		if _, ok := fastParseInsert(q); ok {
			checkFastParse(t, q, true)
		}
	})
}
