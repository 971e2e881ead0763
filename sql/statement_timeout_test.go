package sql

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/quiverdb/quiver/exec"
	"github.com/quiverdb/quiver/exec/execpb"
)

// stuckShards answers queries only when their context ends.
type stuckShards struct{ *fakeShards }

func (s stuckShards) Query(ctx context.Context, id uint64, frag *execpb.Node) (exec.Operator, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

func TestStatementTimeout(t *testing.T) {
	srv := NewServer(Config{Meta: newFakeMeta(2), Shards: stuckShards{newFakeShards()}, NodeID: 1})
	s := newSessionOn(t, srv, "postgres")
	mustRun(t, s, "CREATE TABLE t (k INT PRIMARY KEY)")
	mustRun(t, s, "SET statement_timeout = '50ms'")
	start := time.Now()
	_, e := run(s, "SELECT k FROM t")
	if !strings.Contains(e, "(57014): canceling statement due to statement timeout") {
		t.Fatalf("SELECT = %q, want 57014 statement timeout", e)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Fatalf("the timeout took %v", took)
	}
	mustRun(t, s, "SET statement_timeout = 0")
	mustRun(t, s, "SELECT 1") // the session goes on
}

func TestParseTimeout(t *testing.T) {
	for in, want := range map[string]time.Duration{
		"0": 0, "250": 250 * time.Millisecond, "5s": 5 * time.Second, "1min": time.Minute,
		"1.5 s": 1500 * time.Millisecond, "2h": 2 * time.Hour,
	} {
		if got, ok := parseTimeout(in); !ok || got != want {
			t.Errorf("parseTimeout(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	for _, bad := range []string{"abc", "5 fortnights", "-1"} {
		if _, ok := parseTimeout(bad); ok {
			t.Errorf("parseTimeout(%q) accepted", bad)
		}
	}
}
