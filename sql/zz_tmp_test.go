package sql

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestTmpDump(t *testing.T) {
	data, err := os.ReadFile(os.Getenv("DUMP_IN"))
	if err != nil {
		t.Skip()
	}
	s := newTestSession(t)
	var out []string
	for _, q := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		w, e := run(s, q)
		if e != "" {
			out = append(out, e)
			continue
		}
		for _, r := range w.out {
			out = append(out, strings.ReplaceAll(r, "null", ""))
		}
	}
	fmt.Println(strings.Join(out, "\n"))
}
