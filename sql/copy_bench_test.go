package sql

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// BenchmarkCopyFromCSV parses, converts, encodes and batches the bench
// suite's metrics rows (timestamptz, text, two doubles).
func BenchmarkCopyFromCSV(b *testing.B) {
	const rows = 100_000
	var sb strings.Builder
	for i := range rows {
		fmt.Fprintf(&sb, "2024-01-01 %02d:%02d:%02d+00,host_%03d,%d.%02d,%d.%02d\n",
			i/36000%24, i/600%60, i/10%60, i%10, i%100, i%97, i%50, i%89)
	}
	data := sb.String()
	srv := NewServer(Config{Meta: newFakeMeta(4), Shards: &discardShards{}, NodeID: 1})
	s, err := srv.NewSession(context.Background(), SessionParams{"user": "postgres", "database": "postgres"})
	if err != nil {
		b.Fatal(err)
	}
	if _, e := run(s, "CREATE TABLE metrics (ts timestamptz, host text, cpu float8, mem float8)"); e != "" {
		b.Fatal(e)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if got := runCopyIn(s, "COPY metrics FROM STDIN (FORMAT csv)", data, 8192); got != fmt.Sprintf("COPY %d", rows) {
			b.Fatal(got)
		}
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
}
