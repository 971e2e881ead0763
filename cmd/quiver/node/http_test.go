package node

import (
	"context"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"
)

type fakeReady struct{ err error }

func (f fakeReady) Ready(context.Context) error { return f.err }

func TestHTTPHandler(t *testing.T) {
	for _, tc := range []struct {
		method, path string
		ready        error
		code         int
		body         string
	}{
		{"GET", "/healthz", nil, 200, "ok\n"},
		{"GET", "/healthz", errors.New("meta shard has no leader"), 503, "unavailable: meta shard has no leader\n"},
		{"GET", "/metrics", nil, 200, "# TYPE quiver_raft_proposals_total counter"},
		{"POST", "/healthz", nil, 405, ""},
		{"GET", "/nope", nil, 404, ""},
	} {
		rec := httptest.NewRecorder()
		newHTTPHandler(fakeReady{tc.ready}, nil /* cluster */, nil /* extra metrics */).ServeHTTP(rec, httptest.NewRequest(tc.method, tc.path, nil))
		if rec.Code != tc.code || !strings.Contains(rec.Body.String(), tc.body) {
			t.Errorf("%s %s = %d %q, want %d containing %q", tc.method, tc.path, rec.Code, rec.Body.String(), tc.code, tc.body)
		}
	}
}
