package sql

import (
	"errors"
	"strings"
	"unicode/utf8"

	pg_query "github.com/pganalyze/pg_query_go/v5"
	pgparser "github.com/pganalyze/pg_query_go/v5/parser"
	"github.com/quiverdb/quiver/internal/pgerror"
)

// rawStmt is one statement of a query string.
type rawStmt struct {
	node *pg_query.Node
	// text is the statement's own text (for errors and logging).
	text string
}

// parse splits query into its statements. A syntax error anywhere is
// 42601 with PostgreSQL's message and cursor position.
func parse(query string) ([]rawStmt, error) {
	if r, ok := fastParseInsert(query); ok {
		return []rawStmt{r}, nil
	}
	res, err := pg_query.Parse(query)
	if err != nil {
		return nil, syntaxError(err)
	}
	out := make([]rawStmt, 0, len(res.Stmts))
	for _, s := range res.Stmts {
		start := int(s.StmtLocation)
		end := len(query)
		if s.StmtLen > 0 {
			end = start + int(s.StmtLen)
		}
		if start > len(query) || end > len(query) || start > end {
			start, end = 0, len(query)
		}
		out = append(out, rawStmt{node: s.Stmt, text: strings.TrimSpace(query[start:end])})
	}
	return out, nil
}

func syntaxError(err error) error {
	var pe *pgparser.Error
	if errors.As(err, &pe) {
		e := pgerror.New(pgerror.SyntaxError, pe.Message)
		if pe.Cursorpos > 0 {
			e = pgerror.WithPosition(e, int32(pe.Cursorpos))
		}
		return e
	}
	return pgerror.Wrapf(err, pgerror.SyntaxError, "")
}

// charPos converts a 0-based byte offset of query into PostgreSQL's
// 1-based character position (0 when unknown).
func charPos(query string, loc int32) int32 {
	if loc < 0 || int(loc) > len(query) {
		return 0
	}
	return int32(utf8.RuneCountInString(query[:loc])) + 1
}
