package logictest

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
)

// query runs a query record and compares its formatted result.
func (run *fileRun) query(ctx context.Context, rec *Record) bool {
	rows, err := run.conn.Query(ctx, rec.SQL)
	if err != nil {
		run.fail(rec, "rows", DescribeError(err))
		return false
	}
	got, err := readRows(rows, rec.Types)
	if err != nil {
		run.fail(rec, strings.Join(rec.Expected, "\n"), err.Error())
		return false
	}
	res := MakeResult(got, rec.Sort)
	if run.r.Rewrite {
		// A rewrite takes the server's result as the expectation.
		run.rewrite(rec, res)
		return run.checkLabel(rec, res)
	}
	if !res.Matches(rec.Expected) {
		run.fail(rec, strings.Join(rec.Expected, "\n"), res.String())
		return false
	}
	return run.checkLabel(rec, res)
}

// readRows formats every row of rows by the record's column types.
func readRows(rows pgx.Rows, types string) ([][]string, error) {
	defer rows.Close()
	fields := rows.FieldDescriptions()
	if len(fields) != len(types) {
		return nil, fmt.Errorf("query returned %d columns, the record's types %q say %d",
			len(fields), types, len(types))
	}
	var out [][]string
	for rows.Next() {
		raw := rows.RawValues()
		row := make([]string, len(raw))
		for i, v := range raw {
			row[i] = FormatValue(types[i], fields[i].DataTypeOID, v)
		}
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s", DescribeError(err))
	}
	return out, nil
}

// checkLabel requires queries sharing a label to return the same values.
func (run *fileRun) checkLabel(rec *Record, res Result) bool {
	if rec.Label == "" {
		return true
	}
	h := Hash(res.Values())
	prev, ok := run.labels[rec.Label]
	if !ok {
		run.labels[rec.Label] = h
		return true
	}
	if prev != h {
		run.fail(rec, "the values of label "+rec.Label+" (hash "+prev+")", res.String())
		return false
	}
	return true
}

// rewrite records an edit putting res in place of the expected results.
func (run *fileRun) rewrite(rec *Record, res Result) {
	lines := res.Render(run.threshold)
	if !rec.HasSeparator {
		lines = append([]string{"----"}, lines...)
	}
	run.edits = append(run.edits, edit{start: rec.ResultStart, end: rec.ResultEnd, lines: lines})
}

// applyEdits returns lines with every edit applied; edits are in file
// order and do not overlap.
func applyEdits(lines []string, edits []edit) []string {
	out := slices.Clone(lines)
	for i := len(edits) - 1; i >= 0; i-- {
		e := edits[i]
		out = slices.Concat(out[:e.start], e.lines, out[e.end:])
	}
	return out
}
