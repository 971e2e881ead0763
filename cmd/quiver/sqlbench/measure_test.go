package sqlbench

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/quiverdb/quiver/cmd/quiver/internal/quivertest"
)

func TestParseProcStat(t *testing.T) {
	// 52 fields as in Linux 5.x; the command name holds ") (" and spaces.
	tail := " 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0"
	tests := []struct {
		name, text string
		want       procStat
		wantErr    bool
	}{
		{"plain", "12206 (postgres) S 1 12206 12206 0 -1 4194560 100 0 0 0 250 75 9 3 20 0 1 0 1000 1 2" + tail,
			procStat{ppid: 1, utime: 250, stime: 75, cutime: 9, cstime: 3}, false},
		{"odd name", "7 (a) (b c) R 42 7 7 0 -1 0 0 0 0 0 11 22 33 44 20 0 1 0 5 1 2" + tail,
			procStat{ppid: 42, utime: 11, stime: 22, cutime: 33, cstime: 44}, false},
		{"no name", "7 a R 42", procStat{}, true},
		{"short", "7 (a) R 42 7 7", procStat{}, true},
		{"not a number", "7 (a) R x 7 7 0 -1 0 0 0 0 0 11 22 33 44 20", procStat{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseProcStat(tt.text)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Fatalf("parseProcStat = %+v, %v; want %+v, error %v", got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestCPUSecondsOfSelf(t *testing.T) {
	// Burn some CPU so the reading is positive on any machine.
	x := 0
	for i := 0; i < 50_000_000; i++ {
		x += i % 7
	}
	s, ok := totalCPU([]int{os.Getpid()})
	if !ok || s <= 0 || x == 0 {
		t.Fatalf("totalCPU(self) = %v, %v", s, ok)
	}
	if _, ok := totalCPU(nil); ok {
		t.Fatal("totalCPU(nil) is ok")
	}
}

func TestMedian(t *testing.T) {
	tests := []struct {
		in     []float64
		want   float64
		wantOK bool
	}{
		{nil, 0, false},
		{[]float64{-1, -1}, 0, false},
		{[]float64{5}, 5, true},
		{[]float64{3, 1, 2}, 2, true},
		{[]float64{4, 1, 3, 2}, 2.5, true},
		{[]float64{9, -1, 1, 5}, 5, true},
	}
	for _, tt := range tests {
		got, ok := median(tt.in)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("median(%v) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestParseNodes(t *testing.T) {
	tests := []struct {
		in      string
		want    []int
		wantErr bool
	}{
		{"", nil, false},
		{"3", []int{3}, false},
		{"1, 3", []int{1, 3}, false},
		{"0", nil, true},
		{"three", nil, true},
	}
	for _, tt := range tests {
		got, err := parseNodes(tt.in)
		if (err != nil) != tt.wantErr || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("parseNodes(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestReplicated(t *testing.T) {
	const full = `{"nodes":[1,2,3],"shards":[
		{"id":1,"placed":[1,2,3],"running":true,"members":[1,2,3],"leader":2},
		{"id":2,"placed":[1,2,3],"running":true,"members":[1,2,3],"leader":1}]}`
	tests := []struct {
		name, json string
		wantErr    string
	}{
		{"replicated", full, ""},
		{"node missing", strings.Replace(full, "[1,2,3],\"shards", "[1,2],\"shards", 1), "knows 2 nodes"},
		{"under-placed", strings.Replace(full, `"placed":[1,2,3],"running":true,"members":[1,2,3],"leader":1`,
			`"placed":[1,2],"running":true,"members":[1,2],"leader":1`, 1), "shard 2"},
		{"not running", strings.Replace(full, `"running":true,"members":[1,2,3],"leader":2`,
			`"running":false`, 1), "shard 1"},
		{"no leader", strings.Replace(full, `"leader":2`, `"leader":0`, 1), "shard 1"},
		{"no shards", `{"nodes":[1,2,3],"shards":[]}`, "no shards"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var info quivertest.ClusterInfo
			if err := json.Unmarshal([]byte(tt.json), &info); err != nil {
				t.Fatal(err)
			}
			err := replicated(&info, 3, 3)
			if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("replicated = %v; want error containing %q", err, tt.wantErr)
			}
		})
	}
}
