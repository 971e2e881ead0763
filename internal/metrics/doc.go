// Package metrics holds the node's counters and writes them in the
// Prometheus text exposition format. Every name starts with quiver_.
//
// Invariants:
//   - Counters are safe for concurrent use and never decrease (gauges may).
//   - This package imports nothing of Quiver's.
package metrics
