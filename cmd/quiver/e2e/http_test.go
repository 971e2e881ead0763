package e2e

import (
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

func httpGet(t *testing.T, url string) (int, string) {
	t.Helper()
	client := &http.Client{Timeout: 10 * time.Second}
	resp, err := client.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

var syntaxErrorsRE = regexp.MustCompile(`(?m)^quiver_errors_total\{sqlstate="42601"\} ([0-9]+)$`)

func TestHealthzAndMetrics(t *testing.T) {
	s := startServer(t)
	if code, body := httpGet(t, "http://"+s.HTTPAddr+"/healthz"); code != http.StatusOK {
		t.Errorf("/healthz = %d %q, want 200", code, body)
	}
	conn := s.connect(t)
	for i := 0; i < 3; i++ {
		if _, err := conn.Exec(testCtx(t), "SELEC 1"); pgCode(err) != "42601" {
			t.Fatalf("syntax error: %v", err)
		}
	}
	mustExec(t, conn, "SELECT 1")

	code, body := httpGet(t, "http://"+s.HTTPAddr+"/metrics")
	if code != http.StatusOK {
		t.Fatalf("/metrics = %d", code)
	}
	for _, line := range strings.Split(strings.TrimSpace(body), "\n") {
		name := strings.TrimPrefix(strings.TrimPrefix(line, "# HELP "), "# TYPE ")
		if !strings.HasPrefix(name, "quiver_") {
			t.Errorf("metric line without the quiver_ prefix: %q", line)
		}
	}
	m := syntaxErrorsRE.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no quiver_errors_total{sqlstate=\"42601\"} in /metrics:\n%s", body)
	}
	if n, _ := strconv.Atoi(m[1]); n < 3 {
		t.Errorf("quiver_errors_total{sqlstate=\"42601\"} = %d, want at least 3", n)
	}
	for _, name := range []string{"quiver_statements_total", "quiver_connections_open"} {
		if !strings.Contains(body, "\n"+name+" ") {
			t.Errorf("/metrics lacks %s", name)
		}
	}
}
