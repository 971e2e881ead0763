package fastinsert

import (
	"strconv"
	"strings"
	"testing"

	pg_query "github.com/pganalyze/pg_query_go/v5"
)

// bulkInsert returns a rows-row, 4-column INSERT like a batched loader's.
func bulkInsert(rows int) string {
	var b strings.Builder
	b.WriteString("INSERT INTO t VALUES ")
	for i := 0; i < rows; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		n := strconv.Itoa(i)
		b.WriteString("(" + n + ", " + strconv.Itoa(i*7) + ", " + n + ".5, 'row " + n + "')")
	}
	return b.String()
}

func BenchmarkParse(b *testing.B) {
	for _, rows := range []int{1, 1000} {
		q := bulkInsert(rows)
		b.Run("parser=fastinsert/rows="+strconv.Itoa(rows), func(b *testing.B) {
			b.SetBytes(int64(len(q)))
			b.ReportAllocs()
			for b.Loop() {
				if _, ok := Parse(q); !ok {
					b.Fatal("rejected")
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

// TestBulkInsertShape keeps the benchmark honest: its statement parses
// the same as pg_query parses it.
func TestBulkInsertShape(t *testing.T) {
	q := bulkInsert(1000)
	got, ok := Parse(q)
	if !ok || len(got.Rows) != 1000 {
		t.Fatalf("Parse: ok=%v", ok)
	}
	if err := checkAgainstOracle(q, got); err != nil {
		t.Fatal(err)
	}
}
