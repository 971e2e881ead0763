package metrics

import (
	"fmt"
	"io"
	"sort"
	"sync"
	"sync/atomic"
)

// Counter is a monotonically increasing count.
type Counter struct {
	name, help string
	v          atomic.Int64
}

// Add adds n.
func (c *Counter) Add(n int64) { c.v.Add(n) }

// Inc adds one.
func (c *Counter) Inc() { c.v.Add(1) }

// Value returns the current count.
func (c *Counter) Value() int64 { return c.v.Load() }

// Gauge is a value that goes up and down.
type Gauge struct {
	name, help string
	v          atomic.Int64
}

// Add adds n (negative to subtract).
func (g *Gauge) Add(n int64) { g.v.Add(n) }

// Value returns the current value.
func (g *Gauge) Value() int64 { return g.v.Load() }

// LabeledCounter is a family of counters with one label.
type LabeledCounter struct {
	name, help, label string
	mu                sync.Mutex
	m                 map[string]*atomic.Int64
}

// Inc adds one to the counter of value.
func (l *LabeledCounter) Inc(value string) {
	l.mu.Lock()
	c, ok := l.m[value]
	if !ok {
		c = new(atomic.Int64)
		l.m[value] = c
	}
	l.mu.Unlock()
	c.Add(1)
}

// Value returns the count for value.
func (l *LabeledCounter) Value(value string) int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	if c, ok := l.m[value]; ok {
		return c.Load()
	}
	return 0
}

// The node's metrics.
var (
	ConnectionsOpen  = &Gauge{name: "quiver_connections_open", help: "Client connections currently open."}
	ConnectionsTotal = &Counter{name: "quiver_connections_total", help: "Client connections accepted."}
	Statements       = &Counter{name: "quiver_statements_total", help: "SQL statements executed."}
	Errors           = &LabeledCounter{name: "quiver_errors_total", help: "Errors sent to clients, by SQLSTATE.", label: "sqlstate", m: map[string]*atomic.Int64{}}
	RaftProposals    = &Counter{name: "quiver_raft_proposals_total", help: "Raft proposals made by this node."}
	RowsScanned      = &Counter{name: "quiver_rows_scanned_total", help: "Table rows read by scans on this node."}
	RowsWritten      = &Counter{name: "quiver_rows_written_total", help: "Table rows written by applied commands on this node."}
)

// WritePrometheus writes every metric in the Prometheus text format.
func WritePrometheus(w io.Writer) error {
	for _, c := range []*Counter{ConnectionsTotal, Statements, RaftProposals, RowsScanned, RowsWritten} {
		if _, err := fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s counter\n%s %d\n", c.name, c.help, c.name, c.name, c.Value()); err != nil {
			return err
		}
	}
	g := ConnectionsOpen
	if _, err := fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s gauge\n%s %d\n", g.name, g.help, g.name, g.name, g.Value()); err != nil {
		return err
	}
	return Errors.write(w)
}

func (l *LabeledCounter) write(w io.Writer) error {
	if _, err := fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s counter\n", l.name, l.help, l.name); err != nil {
		return err
	}
	l.mu.Lock()
	keys := make([]string, 0, len(l.m))
	for k := range l.m {
		keys = append(keys, k)
	}
	l.mu.Unlock()
	sort.Strings(keys)
	for _, k := range keys {
		if _, err := fmt.Fprintf(w, "%s{%s=%q} %d\n", l.name, l.label, k, l.Value(k)); err != nil {
			return err
		}
	}
	return nil
}
