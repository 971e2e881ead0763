package meta

import (
	"context"
	"net"
	"path/filepath"
	"testing"
	"time"

	"github.com/lni/dragonboat/v4"
	"github.com/lni/dragonboat/v4/config"
	"github.com/lni/dragonboat/v4/logger"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
)

func init() {
	for _, name := range []string{"dragonboat", "raft", "rsm", "transport", "logdb", "raftpb", "config", "settings", "grpc"} {
		logger.GetLogger(name).SetLevel(logger.ERROR)
	}
}

// freeAddr returns a loopback address with a port that was free a moment
// ago: dragonboat needs a concrete raft port.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// startMeta starts a NodeHost over dir with the meta replica and waits
// until it serves. fresh makes it the first start of a one-node cluster.
func startMeta(t *testing.T, dir, addr string, fresh bool) (*dragonboat.NodeHost, *Local) {
	t.Helper()
	nh, err := dragonboat.NewNodeHost(config.NodeHostConfig{
		NodeHostDir:    filepath.Join(dir, "raft"),
		WALDir:         filepath.Join(dir, "raft"),
		RTTMillisecond: uint64(RTT / time.Millisecond),
		RaftAddress:    addr,
		Expert:         config.ExpertConfig{LogDB: config.GetTinyMemLogDBConfig()},
	})
	if err != nil {
		t.Fatal(err)
	}
	l := NewLocal(nh)
	members := map[uint64]dragonboat.Target{}
	if fresh {
		members[1] = addr
	}
	if err := nh.StartReplica(members, false /* join */, l.CreateStateMachine, ReplicaConfig(MetaShardID, 1)); err != nil {
		nh.Close()
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	for {
		err := l.Ready(ctx)
		if err == nil {
			return nh, l
		}
		if ctx.Err() != nil {
			nh.Close()
			t.Fatalf("meta shard not ready: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func mustPropose(t *testing.T, l *Local, cmd *Command) *State {
	t.Helper()
	s, err := l.Propose(context.Background(), cmd)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func createTable(name string) *Command {
	return &Command{CreateTable: &CreateTable{Table: Table{
		Database: PostgresDatabaseID, Name: name,
		Columns:    []Column{{Name: "k", Type: types.Int8Type}},
		PrimaryKey: []int{0},
	}}}
}

// TestLocalRestart proposes through a real NodeHost, restarts it (once
// replaying the log, once from a snapshot plus the log) and checks the
// catalog survives.
func TestLocalRestart(t *testing.T) {
	dir, addr := t.TempDir(), freeAddr(t)
	nh, l := startMeta(t, dir, addr, true)
	mustPropose(t, l, BootstrapCommand(Node{ID: 1, RaftAddr: addr}, 4))
	s := mustPropose(t, l, createTable("t"))
	if s.Table(PostgresDatabaseID, "t") == nil || s.Version != 2 {
		t.Fatalf("after CREATE TABLE: version %d, table %v", s.Version, s.Table(PostgresDatabaseID, "t"))
	}
	if l.State() != s {
		t.Fatalf("State() is not the state Propose returned")
	}
	checkProposeErrors(t, l)
	nh.Close()

	nh, l = startMeta(t, dir, addr, false)
	if got := l.State(); got.Version != 2 || got.Table(PostgresDatabaseID, "t") == nil {
		t.Fatalf("after restart: version %d, tables %v", got.Version, got.Tables)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := nh.SyncRequestSnapshot(ctx, MetaShardID, dragonboat.DefaultSnapshotOption); err != nil {
		t.Fatal(err)
	}
	mustPropose(t, l, createTable("u"))
	nh.Close()

	nh, l = startMeta(t, dir, addr, false)
	defer nh.Close()
	got := l.State()
	if got.Version != 3 || got.Table(PostgresDatabaseID, "t") == nil || got.Table(PostgresDatabaseID, "u") == nil {
		t.Fatalf("after snapshot restart: version %d, tables %v", got.Version, got.Tables)
	}
	if got.DataShards()[0] != FirstDataShardID || len(got.DataShards()) != 4 {
		t.Fatalf("data shards %v", got.DataShards())
	}
}

// checkProposeErrors checks that apply's errors and notices reach the
// proposer with their SQLSTATE.
func checkProposeErrors(t *testing.T, l *Local) {
	t.Helper()
	_, err := l.Propose(context.Background(), createTable("t"))
	if code := pgerror.CodeOf(err); code != pgerror.DuplicateTable || err.Error() != `relation "t" already exists` {
		t.Fatalf("duplicate CREATE TABLE: %v (%s)", err, code)
	}
	cmd := createTable("t")
	cmd.CreateTable.IfNotExists = true
	s := mustPropose(t, l, cmd)
	if s.Notice == nil || s.Notice.Code != pgerror.DuplicateTable || l.State().Notice != nil {
		t.Fatalf("IF NOT EXISTS notice %v, published notice %v", s.Notice, l.State().Notice)
	}
	_, err = l.Propose(context.Background(), &Command{DropDatabase: &DropDatabase{Name: "x"}})
	if code := pgerror.CodeOf(err); code != pgerror.InvalidCatalogName {
		t.Fatalf("DROP DATABASE x: %v (%s)", err, code)
	}
}

func TestProposeAfterClose(t *testing.T) {
	dir, addr := t.TempDir(), freeAddr(t)
	nh, l := startMeta(t, dir, addr, true)
	nh.Close()
	_, err := l.Propose(context.Background(), createTable("t"))
	if code := pgerror.CodeOf(err); code != pgerror.AdminShutdown {
		t.Fatalf("propose after close: %v (%s)", err, code)
	}
}
