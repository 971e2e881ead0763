package sqlbench

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"sync"
)

// sample is one benchmark run's measurements; cpuPerOp is the server's CPU
// nanoseconds per op, negative when unknown.
type sample struct {
	nsPerOp, rowsPerSec, cpuPerOp float64
}

// results keeps every sample (one per -count) by file and server, in the
// order servers first ran, for the summary table of medians.
var (
	resultsMu   sync.Mutex
	results     = map[string]map[string][]sample{}
	serverOrder []string
)

func record(file, server string, s sample) {
	resultsMu.Lock()
	defer resultsMu.Unlock()
	if results[file] == nil {
		results[file] = map[string][]sample{}
	}
	results[file][server] = append(results[file][server], s)
	if !slices.Contains(serverOrder, server) {
		serverOrder = append(serverOrder, server)
	}
}

// median returns the median of xs (the mean of the middle two for an even
// count), ignoring negative values; ok is false when none is left.
func median(xs []float64) (float64, bool) {
	var v []float64
	for _, x := range xs {
		if x >= 0 {
			v = append(v, x)
		}
	}
	if len(v) == 0 {
		return 0, false
	}
	sort.Float64s(v)
	m := len(v) / 2
	if len(v)%2 == 1 {
		return v[m], true
	}
	return (v[m-1] + v[m]) / 2, true
}

// summaryRow is the medians of one file on one server.
type summaryRow struct {
	file, server                  string
	n                             int
	nsPerOp, rowsPerSec, cpuPerOp float64
	hasCPU                        bool
}

func summarize(samples []sample) summaryRow {
	pick := func(f func(sample) float64) []float64 {
		var out []float64
		for _, s := range samples {
			out = append(out, f(s))
		}
		return out
	}
	r := summaryRow{n: len(samples)}
	r.nsPerOp, _ = median(pick(func(s sample) float64 { return s.nsPerOp }))
	r.rowsPerSec, _ = median(pick(func(s sample) float64 { return s.rowsPerSec }))
	r.cpuPerOp, r.hasCPU = median(pick(func(s sample) float64 { return s.cpuPerOp }))
	return r
}

// printSummary writes, per file and server, the median ns/op, rows/s and
// server CPU ns/op over the -count runs, and their ratios to PostgreSQL
// when it ran.
func printSummary(w io.Writer) {
	resultsMu.Lock()
	defer resultsMu.Unlock()
	if len(results) == 0 {
		return
	}
	var files []string
	for f := range results {
		files = append(files, f)
	}
	sort.Strings(files)
	fmt.Fprintf(w, "\nmedians (CPU: server processes; in-process quiver counts the benchmark client too)\n")
	fmt.Fprintf(w, "%-14s %-14s %3s %14s %14s %14s %9s %9s\n",
		"file", "server", "n", "ns/op", "rows/s", "cpu-ns/op", "ns/pg", "cpu/pg")
	for _, f := range files {
		pg, hasPG := results[f]["postgresql"]
		var ref summaryRow
		if hasPG {
			ref = summarize(pg)
		}
		for _, srv := range serverOrder {
			ss, ok := results[f][srv]
			if !ok {
				continue
			}
			r := summarize(ss)
			fmt.Fprintf(w, "%-14s %-14s %3d %14.0f %14.0f %14s %9s %9s\n", f, srv, r.n, r.nsPerOp,
				r.rowsPerSec, cpuText(r), ratio(hasPG, r.nsPerOp, ref.nsPerOp),
				ratio(hasPG && r.hasCPU && ref.hasCPU, r.cpuPerOp, ref.cpuPerOp))
		}
	}
}

func cpuText(r summaryRow) string {
	if !r.hasCPU {
		return "NA"
	}
	return fmt.Sprintf("%.0f", r.cpuPerOp)
}

func ratio(ok bool, x, ref float64) string {
	if !ok || ref <= 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f", x/ref)
}
