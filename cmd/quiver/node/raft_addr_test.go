package node

import (
	"strings"
	"testing"
)

func TestResolveRaftAddr(t *testing.T) {
	for _, tc := range []struct {
		want, recorded, out, err string
	}{
		{"127.0.0.1:7433", "", "127.0.0.1:7433", ""},
		{"127.0.0.1:7433", "127.0.0.1:7433", "127.0.0.1:7433", ""},
		{"127.0.0.1:0", "127.0.0.1:9000", "127.0.0.1:9000", ""},
		{"127.0.0.1:7433", "127.0.0.1:9000", "", "recorded in node.json"},
		{"127.0.0.1:0", "", "127.0.0.1:", ""},
	} {
		got, err := resolveRaftAddr(tc.want, tc.recorded)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("resolveRaftAddr(%q, %q) error = %v, want %q", tc.want, tc.recorded, err, tc.err)
			}
			continue
		}
		if err != nil || !strings.HasPrefix(got, tc.out) || strings.HasSuffix(got, ":0") {
			t.Errorf("resolveRaftAddr(%q, %q) = %q, %v, want %q", tc.want, tc.recorded, got, err, tc.out)
		}
	}
}
