package node

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/meta"
	"github.com/quiverdb/quiver/shard"
	"github.com/quiverdb/quiver/shard/shardrpc"
)

func testConfig(dir string) Config {
	return Config{
		DataDir:    dir,
		ListenAddr: "127.0.0.1:0",
		RaftAddr:   "127.0.0.1:0",
		RPCAddr:    "127.0.0.1:0",
		HTTPAddr:   "127.0.0.1:0",
		TinyMemory: true,
		Logger:     slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
}

func startNode(t *testing.T, cfg Config) *Node {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	n, err := Start(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func httpGet(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// TestStartRestart bootstraps a node, changes the catalog, stops it and
// restarts it from the same directory.
func TestStartRestart(t *testing.T) {
	dir := t.TempDir()
	n := startNode(t, testConfig(dir))
	s := n.Meta().State()
	if len(s.DataShards()) != DefaultDataShards || s.DatabaseByName("postgres") == nil || len(s.Nodes) != 1 {
		t.Fatalf("bootstrapped state: shards %v, databases %v, nodes %v", s.DataShards(), s.Databases, s.Nodes)
	}
	if got := s.Nodes[0].SQLAddr; got != n.SQLAddr() {
		t.Fatalf("registered sql address %s, listening on %s", got, n.SQLAddr())
	}
	if code, body := httpGet(t, "http://"+n.HTTPAddr()+"/healthz"); code != 200 || body != "ok\n" {
		t.Fatalf("/healthz = %d %q", code, body)
	}
	if code, body := httpGet(t, "http://"+n.HTTPAddr()+"/metrics"); code != 200 || !strings.Contains(body, "quiver_raft_proposals_total") {
		t.Fatalf("/metrics = %d %q", code, body)
	}
	createTable(t, n.Meta(), "t")
	// Writes go through the RPC address, as a gateway on another node's would.
	rpc, err := shardrpc.Dial(n.RPCAddr())
	if err != nil {
		t.Fatal(err)
	}
	defer rpc.Close()
	insert := &shard.WriteCommand{Ops: []shard.Op{{Kind: shard.OpInsert, Key: []byte("k1"), Value: []byte("v1")}}}
	for _, id := range s.DataShards() {
		if err := rpc.Write(context.Background(), id, insert); err != nil {
			t.Fatalf("write to shard %d over rpc: %v", id, err)
		}
	}
	raftAddr := n.RaftAddr()
	if err := n.Stop(); err != nil {
		t.Fatal(err)
	}
	if err := n.Stop(); err != nil {
		t.Fatalf("second Stop: %v", err)
	}

	n = startNode(t, testConfig(dir))
	defer n.Stop()
	if n.RaftAddr() != raftAddr {
		t.Fatalf("raft address changed from %s to %s", raftAddr, n.RaftAddr())
	}
	s = n.Meta().State()
	if s.Table(meta.PostgresDatabaseID, "t") == nil || len(s.DataShards()) != DefaultDataShards {
		t.Fatalf("after restart: tables %v, shards %v", s.Tables, s.DataShards())
	}
	createTable(t, n.Meta(), "u")
	for _, id := range s.DataShards() {
		err := n.Shards().Write(context.Background(), id, insert)
		if pgerror.CodeOf(err) != pgerror.UniqueViolation {
			t.Fatalf("rewriting k1 to shard %d after restart: %v, want 23505", id, err)
		}
	}
}

func createTable(t *testing.T, m meta.Service, name string) {
	t.Helper()
	_, err := m.Propose(context.Background(), &meta.Command{CreateTable: &meta.CreateTable{Table: meta.Table{
		Database: meta.PostgresDatabaseID, Name: name,
		Columns: []meta.Column{{Name: "k", Type: types.Int8Type}}, PrimaryKey: []int{0},
	}}})
	if err != nil {
		t.Fatal(err)
	}
}

func TestStartRejects(t *testing.T) {
	dir := t.TempDir()
	cfg := testConfig(dir)
	cfg.Join = []string{closedAddr(t)}
	cfg.JoinTimeout = time.Second
	start := time.Now()
	_, err := Start(context.Background(), cfg)
	if pgerror.CodeOf(err) != pgerror.ConnectionException || !strings.Contains(err.Error(), "could not join the cluster") {
		t.Fatalf("Start with --join of a closed port: %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("a join of a closed port failed after %s", d)
	}
	if _, err := os.Stat(filepath.Join(dir, identityFile)); !os.IsNotExist(err) {
		t.Fatalf("a failed join wrote node.json: %v", err)
	}

	n := startNode(t, testConfig(dir))
	if err := n.Stop(); err != nil {
		t.Fatal(err)
	}
	cfg = testConfig(dir)
	cfg.RaftAddr = "127.0.0.1:1"
	_, err = Start(context.Background(), cfg)
	if err == nil || !strings.Contains(err.Error(), "recorded in node.json") {
		t.Fatalf("Start with another raft address: %v", err)
	}
}

// TestStartBusyPort checks that a failed Start releases what it took:
// the same directory starts right after.
func TestStartBusyPort(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cfg := testConfig(dir)
	cfg.HTTPAddr = ln.Addr().String()
	if _, err := Start(context.Background(), cfg); err == nil {
		t.Fatal("Start on a busy http port succeeded")
	}
	ln.Close()
	n := startNode(t, testConfig(dir))
	if err := n.Stop(); err != nil {
		t.Fatal(err)
	}
}

// closedAddr returns a loopback address nothing listens on.
func closedAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}
