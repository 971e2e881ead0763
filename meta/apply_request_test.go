package meta

import "testing"

func TestApplyRequestAppliesOnce(t *testing.T) {
	s := &State{}
	s, _ = applyRequest(s, BootstrapCommand(Node{ID: 1, RaftAddr: "r"}, 2))
	create := &Command{ID: 7, CreateTable: &CreateTable{Table: Table{Database: PostgresDatabaseID, Name: "t",
		Columns: []Column{{Name: "k"}}, PrimaryKey: []int{0}}}}
	s1, res1 := applyRequest(s, create)
	if _, err := decodeResult(res1); err != nil || s1.Table(PostgresDatabaseID, "t") == nil {
		t.Fatalf("first apply: %v", err)
	}
	// The same request again (a retry): same result, nothing applied.
	s2, res2 := applyRequest(s1, create)
	if s2 != s1 || string(res2) != string(res1) {
		t.Fatalf("retry applied again: version %d -> %d, result %q", s1.Version, s2.Version, res2)
	}
	// A new request with the same content is a new statement: 42P07.
	again := *create
	again.ID = 8
	_, res3 := applyRequest(s2, &again)
	if _, err := decodeResult(res3); err == nil {
		t.Fatal("a second CREATE TABLE t succeeded")
	}
}

func TestApplyRequestBoundsRemembered(t *testing.T) {
	s := &State{}
	for id := uint64(1); id <= maxRecentRequests+10; id++ {
		s, _ = applyRequest(s, &Command{ID: id, Heartbeat: &Heartbeat{}})
	}
	if n := len(s.RecentRequests); n != maxRecentRequests {
		t.Fatalf("%d remembered, want %d", n, maxRecentRequests)
	}
	if first := s.RecentRequests[0].ID; first != 11 {
		t.Fatalf("oldest remembered id %d, want 11", first)
	}
}

func TestBootstrapRecordsReplicationFactor(t *testing.T) {
	cmd := BootstrapCommand(Node{ID: 1, RaftAddr: "r"}, 2)
	cmd.Bootstrap.ReplicationFactor = 1
	s, _ := applyRequest(&State{}, cmd)
	if got := s.Replication(DefaultReplicationFactor); got != 1 {
		t.Fatalf("Replication = %d, want the bootstrap's 1", got)
	}
	if got := (&State{}).Replication(3); got != 3 {
		t.Fatalf("a state without a recorded factor gives %d, want the fallback 3", got)
	}
}
