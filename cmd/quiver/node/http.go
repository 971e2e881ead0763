package node

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/pprof"
	"time"

	"github.com/quiverdb/quiver/internal/metrics"
)

// healthTimeout bounds the meta shard read behind /healthz.
const healthTimeout = 2 * time.Second

// readinessChecker reports whether the node can serve.
type readinessChecker interface {
	Ready(ctx context.Context) error
}

// newHTTPHandler serves /healthz, /metrics, the node's view of the
// cluster (/debug/cluster, JSON; nil cluster: none) and Go's profiles
// under /debug/pprof/ (the HTTP address is loopback by default).
//
// extraMetrics (nil: none) appends the node's cluster figures to
// /metrics.
func newHTTPHandler(meta readinessChecker, cluster func() any, extraMetrics func(io.Writer) error) http.Handler {
	mux := http.NewServeMux()
	if cluster != nil {
		mux.HandleFunc("GET /debug/cluster", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			enc := json.NewEncoder(w)
			enc.SetIndent("", "  ")
			_ = enc.Encode(cluster())
		})
	}
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		serveHealth(w, r, meta)
	})
	mux.HandleFunc("GET /metrics", func(w http.ResponseWriter, _ *http.Request) {
		serveMetrics(w, extraMetrics)
	})
	return mux
}

// serveHealth answers 200 "ok" when the meta shard has a leader and
// answers a linearizable read, else 503 with the reason.
func serveHealth(w http.ResponseWriter, r *http.Request, meta readinessChecker) {
	ctx, cancel := context.WithTimeout(r.Context(), healthTimeout)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if err := meta.Ready(ctx); err != nil {
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte("unavailable: " + err.Error() + "\n"))
		return
	}
	_, _ = w.Write([]byte("ok\n"))
}

func serveMetrics(w http.ResponseWriter, extra func(io.Writer) error) {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	_ = metrics.WritePrometheus(w)
	if extra != nil {
		_ = extra(w)
	}
}
