package node

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/lni/dragonboat/v4"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/meta"
	"github.com/quiverdb/quiver/pgwire"
	"github.com/quiverdb/quiver/shard"
	"github.com/quiverdb/quiver/shard/router"
	"github.com/quiverdb/quiver/shard/shardrpc"
	"github.com/quiverdb/quiver/sql"
	"github.com/quiverdb/quiver/storage"
)

// pebbleDir is the node's Pebble store inside the data dir.
const pebbleDir = "pebble"

// stopTimeout bounds how long Stop waits for sessions to end.
const stopTimeout = 30 * time.Second

// Node is one running quiver process: its NodeHost, Pebble store, wire,
// HTTP and RPC servers.
type Node struct {
	cfg Config
	log *slog.Logger
	id  *identity
	nh  *dragonboat.NodeHost
	eng *storage.Engine
	// metaLocal is the meta replica's service (its state machine
	// factory); meta serves through it once that replica runs here, and
	// through a meta replica on another node before.
	metaLocal *meta.Local
	meta      *meta.Routed
	pool      *shardrpc.Pool
	replicas  *replicaSet

	local   *shard.Local
	shards  shard.Service
	pg      *pgwire.Server
	sqlLn   net.Listener
	httpSrv *http.Server
	httpLn  net.Listener
	rpc     *rpcServer

	serving  sync.WaitGroup
	bgCancel context.CancelFunc
	// members holds the (shard, replica id) pairs the placement
	// controller found to be Raft members; only its goroutine uses it.
	members map[[2]uint64]bool
	// lastLeaderMove is when the controller last transferred a
	// leadership; only its goroutine uses it.
	lastLeaderMove time.Time
	sizes          shardSizes
	bg             sync.WaitGroup
	stopOnce       sync.Once
	stopErr        error
}

// Start starts a node over cfg.DataDir: a fresh directory bootstraps a
// one-node cluster, an existing one restarts every replica it had. It
// returns once SQL is served, or the first error (having released
// everything it started).
func Start(ctx context.Context, cfg Config) (_ *Node, err error) {
	cfg, err = cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	n := &Node{cfg: cfg, log: cfg.Logger}
	defer func() {
		if err != nil {
			n.release()
		}
	}()
	if err := n.open(ctx); err != nil {
		return nil, err
	}
	if err := n.serve(); err != nil {
		return nil, err
	}
	n.log.Info("quiver node started", "node_id", n.id.NodeID, "sql", n.SQLAddr(), "raft", n.id.RaftAddr,
		"rpc", n.RPCAddr(), "http", n.HTTPAddr(), "data_dir", cfg.DataDir)
	return n, nil
}

// open brings up storage, raft and every replica.
func (n *Node) open(ctx context.Context) error {
	if err := os.MkdirAll(n.cfg.DataDir, 0o755); err != nil {
		return pgerror.Wrapf(err, pgerror.SystemError, "creating data directory")
	}
	if err := n.listen(); err != nil {
		return err
	}
	n.pool = shardrpc.NewPool()
	if err := n.loadIdentity(ctx); err != nil {
		return err
	}
	eng, err := storage.Open(filepath.Join(n.cfg.DataDir, pebbleDir))
	if err != nil {
		return pgerror.Wrapf(err, pgerror.SystemError, "opening storage")
	}
	n.eng = eng
	nh, err := startNodeHost(nodeHostConfig(n.cfg.DataDir, n.id.RaftAddr, n.id.ClusterID, n.cfg.TinyMemory))
	if err != nil {
		return err
	}
	n.nh = nh
	n.metaLocal = meta.NewLocal(nh)
	n.meta = meta.NewRouted(meta.NewRemote(n.pool, splitJoin(n.id.Join)))
	n.local = shard.NewLocal(nh, eng)
	n.replicas = newReplicaSet(nh, n.metaLocal, shard.NewStateMachineFactory(eng), n.id.NodeID)
	n.replicas.snapshots = snapshotTuning{entries: n.cfg.SnapshotEntries, overhead: n.cfg.CompactionOverhead}
	return n.startReplicas(ctx)
}

// loadIdentity reads node.json, or makes and records a new identity: a
// new cluster's first node, or a node joining the cluster at
// cfg.Join.
func (n *Node) loadIdentity(ctx context.Context) error {
	id, err := readIdentity(n.cfg.DataDir)
	if err != nil {
		return err
	}
	fresh := id == nil
	if fresh {
		id = &identity{DataShards: n.cfg.DataShards}
	}
	if id.RaftAddr, err = resolveRaftAddr(n.cfg.RaftAddr, id.RaftAddr); err != nil {
		return err
	}
	if fresh && len(n.cfg.Join) > 0 {
		if err := n.join(ctx, id); err != nil {
			return err
		}
	} else if fresh {
		if id.ClusterID, err = newClusterID(); err != nil {
			return err
		}
		id.NodeID = 1
	}
	n.id = id
	return writeIdentity(n.cfg.DataDir, id)
}

// listen binds the SQL, HTTP and RPC addresses.
func (n *Node) listen() error {
	var err error
	if n.sqlLn, err = listenTCP("sql", n.cfg.ListenAddr); err != nil {
		return err
	}
	if n.httpLn, err = listenTCP("http", n.cfg.HTTPAddr); err != nil {
		return err
	}
	rpcLn, err := listenTCP("rpc", n.cfg.RPCAddr)
	if err != nil {
		return err
	}
	n.rpc = newRPCServer(rpcLn)
	return nil
}

func listenTCP(what, addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, pgerror.Wrapf(err, pgerror.SystemError, "listening for %s on %s", what, addr)
	}
	return ln, nil
}

// startReplicas bootstraps a fresh cluster, or restarts the replicas
// whose Raft logs this node keeps (a joined node that has none yet waits
// for the meta state instead).
func (n *Node) startReplicas(ctx context.Context) error {
	r := n.replicas
	if !n.id.Bootstrapped && !n.id.Joined {
		return n.bootstrap(ctx, r)
	}
	logs := r.logged()
	if id, ok := logs[meta.MetaShardID]; ok {
		delete(logs, meta.MetaShardID)
		if err := r.startMeta(ctx, id, nil /* members */); err != nil {
			return err
		}
		n.meta.UseLocal(n.metaLocal)
	} else if err := poll(ctx, "meta state", func() error { return n.meta.Remote().Refresh(ctx) }); err != nil {
		return err
	}
	return r.startData(ctx, nil /* members */, logs)
}

// self is this node's membership record.
func (n *Node) self() meta.Node {
	return meta.Node{ID: n.id.NodeID, RaftAddr: n.id.RaftAddr, RPCAddr: n.RPCAddr(), SQLAddr: n.SQLAddr(), HTTPAddr: n.HTTPAddr()}
}

// bootstrap starts the replicas of a new one-node cluster and proposes
// the bootstrap command. Redoing it after a crash is safe: dragonboat
// accepts the same initial members again and the command is idempotent.
func (n *Node) bootstrap(ctx context.Context, r *replicaSet) error {
	members := map[uint64]dragonboat.Target{n.id.NodeID: n.id.RaftAddr}
	if err := r.startMeta(ctx, n.id.NodeID, members); err != nil {
		return err
	}
	n.meta.UseLocal(n.metaLocal)
	if err := r.startData(ctx, members, shardIDs(n.id.DataShards, n.id.NodeID)); err != nil {
		return err
	}
	self := n.self()
	cmd := meta.BootstrapCommand(self, n.id.DataShards)
	cmd.Bootstrap.ReplicationFactor = n.cfg.Replicas
	if _, err := n.meta.Propose(ctx, cmd); err != nil {
		return pgerror.Wrapf(err, "", "bootstrapping the cluster")
	}
	n.id.Bootstrapped = true
	n.id.SQLAddr, n.id.RPCAddr, n.id.HTTPAddr = self.SQLAddr, self.RPCAddr, self.HTTPAddr
	return writeIdentity(n.cfg.DataDir, n.id)
}

// serve starts the wire, HTTP and RPC servers on their listeners and the
// node's background work (replica reconciliation, placement).
func (n *Node) serve() error {
	n.shards = router.New(router.Config{
		Self: n.id.NodeID, Local: n.local, Leaders: nhLeaders{n.nh}, Meta: n.meta,
		Dial: func(addr string) (shard.Service, error) { return n.pool.Get(addr) },
	})
	sqlSrv := sql.NewServer(sql.Config{Meta: n.meta, Shards: n.shards, NodeID: n.id.NodeID})
	n.pg = pgwire.NewServer(sqlSrv, pgwire.Config{})
	n.httpSrv = &http.Server{Handler: newHTTPHandler(n.meta, n.clusterInfo, n.writeMetrics), ReadHeaderTimeout: 10 * time.Second}
	n.rpc.prepare(n.local, n.actions())
	n.goServe("sql", func() error { return n.pg.Serve(n.sqlLn) })
	n.goServe("http", func() error { return ignoreClosed(n.httpSrv.Serve(n.httpLn)) })
	n.goServe("rpc", n.rpc.serve)
	n.startBackground()
	return nil
}

// writeMetrics writes the node's cluster figures on /metrics.
func (n *Node) writeMetrics(w io.Writer) error {
	return writeClusterMetrics(w, n.meta.State(), n.replicaReport())
}

func (n *Node) goServe(what string, serve func() error) {
	n.serving.Add(1)
	go func() {
		defer n.serving.Done()
		if err := serve(); err != nil {
			n.log.Error("server stopped", "server", what, "err", err)
		}
	}()
}

func ignoreClosed(err error) error {
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// SQLAddr returns the address the wire protocol listens on.
func (n *Node) SQLAddr() string { return n.sqlLn.Addr().String() }

// HTTPAddr returns the address of /healthz and /metrics.
func (n *Node) HTTPAddr() string { return n.httpLn.Addr().String() }

// RPCAddr returns the internal RPC address.
func (n *Node) RPCAddr() string { return n.rpc.ln.Addr().String() }

// RaftAddr returns dragonboat's raft address.
func (n *Node) RaftAddr() string { return n.id.RaftAddr }

// Meta returns the node's meta shard service.
func (n *Node) Meta() meta.Service { return n.meta }

// ID returns the node's id.
func (n *Node) ID() uint64 { return n.id.NodeID }

// Shards returns the node's data shard service.
func (n *Node) Shards() shard.Service { return n.shards }

// Stop shuts the node down: it stops accepting, ends every session, stops
// the NodeHost and closes Pebble. It is safe to call more than once.
func (n *Node) Stop() error {
	n.stopOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), stopTimeout)
		defer cancel()
		var errs []error
		if n.pg != nil {
			errs = append(errs, n.pg.Shutdown(ctx))
		}
		if n.httpSrv != nil {
			errs = append(errs, n.httpSrv.Shutdown(ctx))
		}
		n.stopBackground()
		n.release()
		n.serving.Wait()
		n.stopErr = errors.Join(errs...)
		n.log.Info("quiver node stopped", "data_dir", n.cfg.DataDir)
	})
	return n.stopErr
}

// release closes what open started, in reverse order; it tolerates a
// partly started node.
func (n *Node) release() {
	if n.rpc != nil {
		n.rpc.close()
	}
	if n.pool != nil {
		n.pool.Close()
	}
	for _, ln := range []net.Listener{n.sqlLn, n.httpLn} {
		if ln != nil {
			ln.Close()
		}
	}
	if n.nh != nil {
		n.nh.Close()
		n.nh = nil
	}
	if n.eng != nil {
		if err := n.eng.Close(); err != nil {
			n.log.Error("closing storage", "err", err)
		}
		n.eng = nil
	}
}
