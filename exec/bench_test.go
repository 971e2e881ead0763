package exec

import (
	"context"
	"io"
	"math/rand"
	"strconv"
	"syscall"
	"testing"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/types"
)

// int64Batches returns n rows of two int64 columns (key mod groups, value)
// in BatchSize batches.
func int64Batches(n, groups int) []arrow.Record {
	rng := rand.New(rand.NewSource(1))
	schema := Schema([]types.T{i8, i8}, nil)
	var recs []arrow.Record
	for start := 0; start < n; start += BatchSize {
		m := min(BatchSize, n-start)
		kb := array.NewInt64Builder(memory.DefaultAllocator)
		vb := array.NewInt64Builder(memory.DefaultAllocator)
		for i := 0; i < m; i++ {
			kb.Append(int64(rng.Intn(groups)))
			vb.Append(rng.Int63n(1_000_000))
		}
		recs = append(recs, newRecord(schema, []arrow.Array{kb.NewArray(), vb.NewArray()}, m))
		kb.Release()
		vb.Release()
	}
	return recs
}

// textKeyBatches returns n rows of (text key "key-<k mod groups>",
// int64 value) in BatchSize batches.
func textKeyBatches(n, groups int) []arrow.Record {
	rng := rand.New(rand.NewSource(1))
	schema := Schema([]types.T{tx, i8}, nil)
	var recs []arrow.Record
	for start := 0; start < n; start += BatchSize {
		m := min(BatchSize, n-start)
		kb := array.NewStringBuilder(memory.DefaultAllocator)
		vb := array.NewInt64Builder(memory.DefaultAllocator)
		for i := 0; i < m; i++ {
			kb.Append("key-" + strconv.Itoa(rng.Intn(groups)))
			vb.Append(rng.Int63n(1_000_000))
		}
		recs = append(recs, newRecord(schema, []arrow.Array{kb.NewArray(), vb.NewArray()}, m))
		kb.Release()
		vb.Release()
	}
	return recs
}

func benchNode(b *testing.B, recs []arrow.Record, node func(*execpb.Node) *execpb.Node) {
	scan := &execpb.Node{Kind: execpb.NodeScan, Scan: &execpb.Scan{}}
	env := &Env{Alloc: memory.DefaultAllocator, Scan: func(context.Context, *execpb.Scan) (Operator, error) {
		return NewRecordSource(recs[0].Schema(), recs), nil
	}}
	b.SetBytes(int64(len(recs)) * BatchSize * 16)
	b.ReportAllocs()
	ctx := context.Background()
	cpu0 := cpuTime()
	defer func() { b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op") }()
	for b.Loop() {
		op, err := Build(ctx, node(scan), env)
		if err != nil {
			b.Fatal(err)
		}
		if err := op.Open(ctx); err != nil {
			b.Fatal(err)
		}
		for {
			if _, err := op.Next(ctx); err == io.EOF {
				break
			} else if err != nil {
				b.Fatal(err)
			}
		}
		_ = op.Close()
	}
}

// cpuTime is the process's user+system CPU time in ns: on a shared
// machine it measures the work better than the wall clock does.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

func BenchmarkFilter(b *testing.B) {
	recs := int64Batches(1<<20, 1000)
	defer releaseAll(recs)
	b.Run("rows=1M/pred=int64>const", func(b *testing.B) {
		benchNode(b, recs, func(s *execpb.Node) *execpb.Node {
			return &execpb.Node{Kind: execpb.NodeFilter, Input: s, Filter: op(">", bo, col(1, i8), cnst(i8, "500000"))}
		})
	})
}

func BenchmarkHashAgg(b *testing.B) {
	for _, groups := range []int{10, 10000} {
		recs := int64Batches(1<<20, groups)
		b.Run("rows=1M/key=int64/groups="+strconv.Itoa(groups), func(b *testing.B) {
			benchNode(b, recs, aggNode(execpb.AggComplete, []int{0}, []types.T{i8},
				execpb.AggFunc{Func: "count_star", Type: i8},
				execpb.AggFunc{Func: "sum", Arg: 1, ArgType: i8, Type: nu}))
		})
		releaseAll(recs)
	}
	for _, groups := range []int{10, 10000} {
		recs := textKeyBatches(1<<20, groups)
		b.Run("rows=1M/key=text/groups="+strconv.Itoa(groups), func(b *testing.B) {
			benchNode(b, recs, aggNode(execpb.AggComplete, []int{0}, []types.T{tx},
				execpb.AggFunc{Func: "count_star", Type: i8},
				execpb.AggFunc{Func: "sum", Arg: 1, ArgType: i8, Type: nu}))
		})
		releaseAll(recs)
	}
}

func BenchmarkSort(b *testing.B) {
	recs := int64Batches(1<<20, 1<<30)
	defer releaseAll(recs)
	b.Run("rows=1M/type=int64", func(b *testing.B) {
		benchNode(b, recs, func(s *execpb.Node) *execpb.Node {
			return &execpb.Node{Kind: execpb.NodeSort, Input: s, Ordering: []execpb.Ordering{{Col: 1}}}
		})
	})
}
