package sql

import (
	"context"
	"strings"
	"testing"

	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/meta"
)

// clusterTestState is a two-node cluster: the meta shard on both nodes
// (node 1 leads it), data shard 2 owning slots 0-127 on node 1, shard 3
// owning 128-255 on both (node 2 leads it); node 2 is decommissioning.
func clusterTestState() *meta.State {
	st := &meta.State{Version: 3, NextDatabaseID: 2, Databases: []meta.Database{{ID: 1, Name: "postgres"}}}
	for i := range st.Slots {
		st.Slots[i] = 2 + uint64(i/128)
	}
	st.MetaReplicas = map[uint64]string{1: "r1", 2: "r2"}
	st.Shards = []meta.Shard{{ID: 2, Replicas: map[uint64]string{1: "r1"}}, {ID: 3, Replicas: map[uint64]string{1: "r1", 2: "r2"}}}
	st.Nodes = []meta.Node{
		{ID: 1, RaftAddr: "r1", RPCAddr: "p1", SQLAddr: "s1", HTTPAddr: "h1", LastHeartbeat: 1700000000123,
			Replicas: []meta.ReplicaStatus{{Shard: 1, Leader: true, Applied: 50}, {Shard: 2, Leader: true, Applied: 7, SizeBytes: 4096}, {Shard: 3, Applied: 8}}},
		{ID: 2, RaftAddr: "r2", RPCAddr: "p2", SQLAddr: "s2", HTTPAddr: "h2", State: meta.NodeDecommissioning, LastHeartbeat: 1700000000456,
			Replicas: []meta.ReplicaStatus{{Shard: 1, Applied: 49}, {Shard: 3, Leader: true, Applied: 9, SizeBytes: 100}}},
	}
	return st
}

func TestInternalTables(t *testing.T) {
	srv := NewServer(Config{Meta: &fakeMeta{state: clusterTestState()}, Shards: newFakeShards(), NodeID: 1})
	s, err := srv.NewSession(context.Background(), SessionParams{"user": "postgres", "database": "postgres"})
	if err != nil {
		t.Fatal(err)
	}
	mustRun(t, s, "SET TimeZone = 'UTC'")
	for _, tc := range []struct{ query, want string }{
		{"SELECT node_id, sql_addr, raft_addr, rpc_addr, http_addr, state, last_heartbeat, replicas FROM quiver_internal.nodes ORDER BY node_id",
			"1|s1|r1|p1|h1|active|2023-11-14 22:13:20.123+00|3;2|s2|r2|p2|h2|decommissioning|2023-11-14 22:13:20.456+00|2"},
		{"SELECT shard_id, kind, slots, slot_count, replicas, leader_node_id, applied_index, size_bytes FROM quiver_internal.shards ORDER BY shard_id",
			"1|meta||0|2|1|50|0;2|data|0-127|128|1|1|7|4096;3|data|128-255|128|2|2|9|100"},
		{"SELECT shard_id, node_id, is_leader, applied_index FROM quiver_internal.replicas ORDER BY shard_id, node_id",
			"1|1|t|50;1|2|f|49;2|1|t|7;3|1|f|8;3|2|t|9"},
		{"SELECT count(*) FROM quiver_internal.replicas WHERE node_id = 2", "2"},
	} {
		w := mustRun(t, s, tc.query)
		if got := strings.Join(w.out, ";"); got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.query, got, tc.want)
		}
	}
	if _, got := run(s, "INSERT INTO quiver_internal.nodes (node_id) VALUES (9)"); !strings.Contains(got, "0A000") {
		t.Errorf("writing quiver_internal.nodes: %q, want 0A000", got)
	}
	if _, got := run(s, "SELECT * FROM quiver_internal.nope"); !strings.Contains(got, "42P01") {
		t.Errorf("unknown quiver_internal table: %q, want 42P01", got)
	}
}

// TestInternalTableCells checks that every cell parses as its column's
// type.
func TestInternalTableCells(t *testing.T) {
	env := &catalogEnv{state: clusterTestState(), db: 1, dbName: "postgres", vars: newTestSession(t)}
	for _, vt := range internalTables {
		for r, row := range vt.rows(env) {
			for i, cell := range row {
				e, err := cellExpr(vt.cols[i].typ, cell)
				if err != nil {
					t.Fatalf("%s.%s row %d: %v", vt.name, vt.cols[i].name, r, err)
				}
				if e.Null {
					continue
				}
				if _, err := types.ParseText(vt.cols[i].typ, e.Text); err != nil {
					t.Errorf("%s.%s row %d: %q: %v", vt.name, vt.cols[i].name, r, e.Text, err)
				}
			}
		}
	}
}

func TestSlotRanges(t *testing.T) {
	st := &meta.State{}
	for i := range st.Slots {
		st.Slots[i] = 2 + uint64(i%2)
	}
	st.Slots[4], st.Slots[6] = 5, 5
	for _, tc := range []struct {
		shard uint64
		want  string
		count int
	}{
		{5, "4,6", 2},
		{9, "", 0},
	} {
		got, n := slotRanges(st, tc.shard)
		if got != tc.want || n != tc.count {
			t.Errorf("slotRanges(%d) = %q %d, want %q %d", tc.shard, got, n, tc.want, tc.count)
		}
	}
	for i := range st.Slots {
		st.Slots[i] = 2
	}
	st.Slots[255] = 3
	if got, n := slotRanges(st, 2); got != "0-254" || n != 255 {
		t.Errorf("slotRanges(2) = %q %d", got, n)
	}
}
