package sql

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/quiverdb/quiver/exec"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/shard"
)

// discardShards accepts every write and counts its ops.
type discardShards struct{ ops atomic.Int64 }

func (d *discardShards) Write(ctx context.Context, id uint64, cmd *shard.WriteCommand) error {
	d.ops.Add(int64(len(cmd.Ops)))
	return nil
}

func (d *discardShards) Query(ctx context.Context, id uint64, frag *execpb.Node) (exec.Operator, error) {
	return newFakeShards().Query(ctx, id, frag)
}

func valuesQuery(rows int) string {
	var sb strings.Builder
	sb.WriteString("INSERT INTO t VALUES ")
	for i := 0; i < rows; i++ {
		if i > 0 {
			sb.WriteString(", ")
		}
		fmt.Fprintf(&sb, "(%d, 'value %d', %d.25, %d)", i, i, i, i*3)
	}
	return sb.String()
}

func BenchmarkInsertValues(b *testing.B) {
	for _, rows := range []int{1, 1000} {
		b.Run(fmt.Sprintf("rows=%d", rows), func(b *testing.B) {
			ds := &discardShards{}
			srv := NewServer(Config{Meta: newFakeMeta(4), Shards: ds, NodeID: 1})
			s, err := srv.NewSession(context.Background(), SessionParams{"user": "postgres", "database": "postgres"})
			if err != nil {
				b.Fatal(err)
			}
			w := &textWriter{}
			if err := s.ExecSimple(context.Background(), "CREATE TABLE t (k INT PRIMARY KEY, v TEXT, n NUMERIC(10,2), i BIGINT)", w); err != nil {
				b.Fatal(err)
			}
			q := valuesQuery(rows)
			b.ReportAllocs()
			for b.Loop() {
				w.tags = w.tags[:0]
				if err := s.ExecSimple(context.Background(), q, w); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

func BenchmarkPointSelect(b *testing.B) {
	ctx := context.Background()
	srv := NewServer(Config{Meta: newFakeMeta(4), Shards: newFakeShards(), NodeID: 1})
	s, err := srv.NewSession(ctx, SessionParams{"user": "postgres", "database": "postgres"})
	if err != nil {
		b.Fatal(err)
	}
	w := &textWriter{}
	for _, q := range []string{"CREATE TABLE t (k INT PRIMARY KEY, v TEXT, n NUMERIC(10,2), i BIGINT)", valuesQuery(8)} {
		if err := s.ExecSimple(ctx, q, w); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("prepared", func(b *testing.B) {
		p, err := s.Prepare(ctx, "SELECT v, n FROM t WHERE k = $1", nil)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			portal, err := s.Bind(ctx, p, []types.Datum{int64(i % 8)})
			if err != nil {
				b.Fatal(err)
			}
			if _, _, err := s.Execute(ctx, portal, discardWriter{}, 0); err != nil {
				b.Fatal(err)
			}
			s.ClosePortal(portal)
			i++
		}
	})
	b.Run("simple", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := s.ExecSimple(ctx, "SELECT v, n FROM t WHERE k = 3", &textWriter{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
