package main

import (
	"io"
	"testing"
)

func TestParseSnapshotEntries(t *testing.T) {
	for _, tc := range []struct {
		in                string
		entries, overhead uint64
		wantErr           bool
	}{
		{in: ""},
		{in: "20", entries: 20, overhead: 5},
		{in: "20/2", entries: 20, overhead: 2},
		{in: "20/0", entries: 20, overhead: 0},
		{in: "0", wantErr: true},
		{in: "x", wantErr: true},
		{in: "20/x", wantErr: true},
		{in: "-1", wantErr: true},
	} {
		e, o, err := parseSnapshotEntries(tc.in)
		if (err != nil) != tc.wantErr || e != tc.entries || o != tc.overhead {
			t.Errorf("parseSnapshotEntries(%q) = %d, %d, %v; want %d, %d, error %v", tc.in, e, o, err, tc.entries, tc.overhead, tc.wantErr)
		}
	}
}

func TestSnapshotEntriesFlag(t *testing.T) {
	t.Setenv("QUIVER_SNAPSHOT_ENTRIES", "40")
	cfg, err := parseStart(nil, io.Discard)
	if err != nil || cfg.SnapshotEntries != 40 || cfg.CompactionOverhead != 10 {
		t.Fatalf("from the environment: %d/%d, %v", cfg.SnapshotEntries, cfg.CompactionOverhead, err)
	}
	cfg, err = parseStart([]string{"--snapshot-entries", "20/5"}, io.Discard)
	if err != nil || cfg.SnapshotEntries != 20 || cfg.CompactionOverhead != 5 {
		t.Fatalf("from the flag: %d/%d, %v", cfg.SnapshotEntries, cfg.CompactionOverhead, err)
	}
	if _, err := parseStart([]string{"--snapshot-entries", "zero"}, io.Discard); err == nil {
		t.Fatal("a malformed value was accepted")
	}
}
