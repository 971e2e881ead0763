package sql

import (
	"math/rand"
	"strings"
	"testing"

	pg_query "github.com/pganalyze/pg_query_go/v5"
	"google.golang.org/protobuf/proto"
)

// checkFastParse requires that the fast path either declines q or builds
// exactly pg_query's tree.
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
	if len(res.Stmts) != 1 || !proto.Equal(res.Stmts[0].Stmt, r.node) {
		t.Errorf("%q: trees differ:\n pg_query %v\n fast     %v", q, res.Stmts[0].Stmt, r.node)
	}
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
		{"INSERT INTO t VALUES ('a\\b')", true},
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
		{"INSERT INTO t VALUES (- 1)", false},
		{"INSERT INTO t VALUES ($1)", false},
		{"INSERT INTO t VALUES (1) RETURNING k", false},
		{"INSERT INTO t VALUES (1) -- c", false},
		{"INSERT INTO s.t VALUES (1)", false},
		{`INSERT INTO "T" VALUES (1)`, false},
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
// random statements built from the tokens it handles, and broken ones.
func TestFastParseInsertRandom(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	lits := []string{"0", "7", "-7", "2147483648", "-2147483648", "12.50", "-.5", "1e9", "1E-2", "'a'", "''''", "'x y'",
		"NULL", "null", "TRUE", "False", "DEFAULT", "99999999999999999999", "'-'", "00012"}
	junk := []string{"(", ")", ",", "'", "-", "e", ".", ";", " ", "x"}
	taken := 0
	for n := 0; n < 2000; n++ {
		var sb strings.Builder
		sb.WriteString("INSERT INTO tab")
		if rng.Intn(2) == 0 {
			sb.WriteString(" (a, b_2)")
		}
		sb.WriteString(" VALUES ")
		for r := 0; r < 1+rng.Intn(3); r++ {
			if r > 0 {
				sb.WriteString(",")
			}
			sb.WriteString("(")
			for c := 0; c < 1+rng.Intn(3); c++ {
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
