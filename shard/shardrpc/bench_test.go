package shardrpc

import (
	"context"
	"fmt"
	"io"
	"testing"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/quiverdb/quiver/exec"
	"github.com/quiverdb/quiver/exec/execpb"
)

// BenchmarkQueryStream streams 1M int8 rows from a server to a client.
func BenchmarkQueryStream(b *testing.B) {
	const rows = 1 << 20
	for _, batch := range []int{1024, 16384, 131072} {
		b.Run(fmt.Sprintf("rows=%d/batch=%d", rows, batch), func(b *testing.B) {
			benchStream(b, rows, batch)
		})
	}
}

func benchStream(b *testing.B, rows, batch int) {
	env := newTestEnv(b)
	recs := make([]arrow.Record, 0, rows/batch)
	for i := 0; i < rows; i += batch {
		recs = append(recs, int8Batch(memory.DefaultAllocator, i, batch))
	}
	env.svc.query = func(context.Context, uint64, *execpb.Node) (exec.Operator, error) {
		return exec.NewRecordSource(int8Schema, recs), nil
	}
	b.SetBytes(int64(rows) * 8)
	b.ReportAllocs()
	for b.Loop() {
		if n := streamAll(b, env.client); n != rows {
			b.Fatalf("got %d rows, want %d", n, rows)
		}
	}
}

// streamAll runs a query and counts the rows it returns.
func streamAll(b *testing.B, c *Client) int {
	op, err := c.Query(context.Background(), 1, int8Frag)
	if err != nil {
		b.Fatal(err)
	}
	defer op.Close()
	n := 0
	for {
		rec, err := op.Next(context.Background())
		if err == io.EOF {
			return n
		}
		if err != nil {
			b.Fatal(err)
		}
		n += int(rec.NumRows())
	}
}
