package fastinsert

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	pg_query "github.com/pganalyze/pg_query_go/v5"
)

// TestReservedMatchesPgQuery checks the reserved list against the keyword
// categories of pg_query's scanner (PostgreSQL 16): every listed word is
// reserved or type_func_name there, and every such keyword of kwlist.h
// is listed. (PostgreSQL 15's list, from pg_get_keywords(), is the same
// minus system_user; rejecting a word 15 would accept is safe.)
func TestReservedMatchesPgQuery(t *testing.T) {
	for w := range reserved {
		res, err := pg_query.Scan(w)
		if err != nil || len(res.Tokens) != 1 {
			t.Fatalf("Scan(%q): %v %v", w, res, err)
		}
		switch res.Tokens[0].KeywordKind {
		case pg_query.KeywordKind_RESERVED_KEYWORD, pg_query.KeywordKind_TYPE_FUNC_NAME_KEYWORD:
		default:
			t.Errorf("%q is %v in pg_query", w, res.Tokens[0].KeywordKind)
		}
	}
	for _, w := range kwlistReserved(t) {
		if !isReserved(w) {
			t.Errorf("reserved keyword %q is missing", w)
		}
	}
}

// kwlistReserved reads the reserved and type_func_name keywords from
// pg_query's copy of PostgreSQL's kwlist.h.
func kwlistReserved(t *testing.T) []string {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/pganalyze/pg_query_go/v5").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	path := filepath.Join(strings.TrimSpace(string(out)), "parser/include/postgres/parser/kwlist.h")
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`PG_KEYWORD\("([a-z_]+)", \w+, (RESERVED|TYPE_FUNC_NAME)_KEYWORD`)
	var words []string
	for _, m := range re.FindAllStringSubmatch(string(src), -1) {
		words = append(words, m[1])
	}
	if len(words) < 90 {
		t.Fatalf("found only %d reserved keywords in %s", len(words), path)
	}
	return words
}
