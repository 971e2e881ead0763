package shard

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/cockroachdb/datadriven"
	"github.com/cockroachdb/pebble/v2/vfs"
	"github.com/lni/dragonboat/v4"
	"github.com/lni/dragonboat/v4/config"
	"github.com/lni/dragonboat/v4/logger"
	sm "github.com/lni/dragonboat/v4/statemachine"
	"github.com/quiverdb/quiver/exec"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/storage"
)

func init() {
	for _, name := range []string{"dragonboat", "raft", "rsm", "transport", "logdb", "raftpb", "config", "grpc", "settings", "tan"} {
		logger.GetLogger(name).SetLevel(logger.ERROR)
	}
}

// testTable is the table every test writes: k bigint primary key, v text.
var testTable = execpb.Table{
	ID: 1,
	Columns: []execpb.Column{
		{ID: 1, Name: "k", Type: types.Int8Type},
		{ID: 2, Name: "v", Type: types.TextType},
	},
	Key: []int{0},
}

// env is one test node: an Engine on a crashable in-memory FS and a
// single-replica NodeHost in a temp dir.
type env struct {
	t      *testing.T
	dir    string
	fs     *vfs.MemFS
	eng    *storage.Engine
	nh     *dragonboat.NodeHost
	addr   string
	shards []uint64
	mu     sync.Mutex
	opened map[uint64]uint64 // shard -> index its last Open returned
	other  *storage.Engine   // a second node's Engine for snapshot recovery
	saved  []byte            // the last saved snapshot stream
}

func newEnv(t *testing.T) *env {
	e := &env{t: t, dir: t.TempDir(), fs: vfs.NewCrashableMem(), opened: map[uint64]uint64{}}
	e.openEngine()
	t.Cleanup(e.close)
	return e
}

func (e *env) openEngine() {
	if err := e.fs.MkdirAll("/data", 0o755); err != nil {
		e.t.Fatal(err)
	}
	eng, err := storage.OpenFS("/data", e.fs)
	if err != nil {
		e.t.Fatal(err)
	}
	e.eng = eng
}

func (e *env) close() {
	e.stopNodeHost()
	if e.eng != nil {
		e.eng.Close()
		e.eng = nil
	}
	if e.other != nil {
		e.other.Close()
		e.other = nil
	}
}

func (e *env) stopNodeHost() {
	if e.nh != nil {
		e.nh.Close()
		e.nh = nil
	}
}

func freeAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// factory wraps the real factory to record what Open returns.
func (e *env) factory() sm.CreateOnDiskStateMachineFunc {
	real := NewStateMachineFactory(e.eng)
	return func(shardID, replicaID uint64) sm.IOnDiskStateMachine {
		return &recordingSM{IOnDiskStateMachine: real(shardID, replicaID), e: e, shard: shardID}
	}
}

type recordingSM struct {
	sm.IOnDiskStateMachine
	e     *env
	shard uint64
}

func (r *recordingSM) Open(stopc <-chan struct{}) (uint64, error) {
	idx, err := r.IOnDiskStateMachine.Open(stopc)
	r.e.mu.Lock()
	r.e.opened[r.shard] = idx
	r.e.mu.Unlock()
	return idx, err
}

func (e *env) startNodeHost() {
	if e.addr == "" {
		e.addr = freeAddr(e.t)
	}
	nhDir := filepath.Join(e.dir, "nh")
	nh, err := dragonboat.NewNodeHost(config.NodeHostConfig{
		NodeHostDir:    nhDir,
		WALDir:         nhDir,
		RTTMillisecond: 2,
		RaftAddress:    e.addr,
		Expert:         config.ExpertConfig{LogDB: config.GetTinyMemLogDBConfig()},
	})
	if err != nil {
		e.t.Fatal(err)
	}
	e.nh = nh
}

func (e *env) startShard(shard uint64) {
	cfg := config.Config{
		ReplicaID: 1, ShardID: shard, ElectionRTT: 10, HeartbeatRTT: 1,
		CheckQuorum: true, CompactionOverhead: 5,
	}
	members := map[uint64]dragonboat.Target{1: e.addr}
	if err := e.nh.StartOnDiskReplica(members, false /* join */, e.factory(), cfg); err != nil {
		e.t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, _, ok, err := e.nh.GetLeaderID(shard); err == nil && ok {
			break
		}
		if time.Now().After(deadline) {
			e.t.Fatalf("shard %d has no leader", shard)
		}
		time.Sleep(5 * time.Millisecond)
	}
	// A read barrier waits until the replica applied its log.
	if err := NewLocal(e.nh, e.eng).readBarrier(context.Background(), shard); err != nil {
		e.t.Fatal(err)
	}
}

func (e *env) openedReport() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	var b strings.Builder
	for _, s := range e.shards {
		fmt.Fprintf(&b, "shard %d opened at index %d\n", s, e.opened[s])
	}
	return b.String()
}

// restart stops the node and starts it again. With kill, the Engine
// loses every write that was not synced, as after a power failure.
func (e *env) restart(kill bool) {
	e.stopNodeHost()
	if kill {
		crashed := e.fs.CrashClone(vfs.CrashCloneCfg{})
		e.eng.Close()
		e.fs = crashed
	} else {
		e.eng.Close()
	}
	e.openEngine()
	e.startNodeHost()
	for _, s := range e.shards {
		e.startShard(s)
	}
}

// parseOps parses one op per line: insert/put/delete t=.. k=.. v=..
// expect=..; delete-table t=...
func parseOps(t *testing.T, input string) *WriteCommand {
	cmd := &WriteCommand{}
	for _, line := range strings.Split(strings.TrimSpace(input), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		args := map[string]string{}
		for _, kv := range f[1:] {
			k, v, _ := strings.Cut(kv, "=")
			args[k] = v
		}
		table, _ := strconv.ParseUint(args["t"], 10, 32)
		op := Op{Table: uint32(table)}
		switch f[0] {
		case "insert":
			op.Kind = OpInsert
		case "put":
			op.Kind = OpPut
		case "delete":
			op.Kind = OpDelete
		case "delete-table":
			op.Kind = OpDeleteTable
		default:
			t.Fatalf("unknown op %q", f[0])
		}
		if op.Kind != OpDeleteTable {
			op.Key = rowKey(t, uint32(table), args["k"])
		}
		if v, ok := args["v"]; ok {
			op.Value = rowValue(t, v)
		}
		if v, ok := args["expect"]; ok {
			op.Expect = rowValue(t, v)
		}
		cmd.Ops = append(cmd.Ops, op)
	}
	return cmd
}

func rowKey(t testing.TB, table uint32, k string) []byte {
	n, err := strconv.ParseInt(k, 10, 64)
	if err != nil {
		t.Fatalf("bad key %q", k)
	}
	key, err := storage.EncodeKey(nil, table, storage.PrimaryIndexID, []types.Datum{n}, []types.T{types.Int8Type})
	if err != nil {
		t.Fatal(err)
	}
	return key
}

// rowValue encodes column v; the text "NULL" is a NULL.
func rowValue(t testing.TB, v string) []byte {
	var d types.Datum = v
	if v == "NULL" {
		d = nil
	}
	val, err := storage.EncodeValue([]byte{}, []uint32{2}, []types.Datum{d}, []types.T{types.TextType})
	if err != nil {
		t.Fatal(err)
	}
	return val
}

func formatErr(err error) string {
	if err == nil {
		return "ok\n"
	}
	s := fmt.Sprintf("error (%s): %s", pgerror.CodeOf(err), err.Error())
	var dup *DuplicateKeyError
	var conflict *ConflictError
	switch {
	case errors.As(err, &dup):
		s += fmt.Sprintf(" [op %d]", dup.Op)
	case errors.As(err, &conflict):
		s += fmt.Sprintf(" [op %d]", conflict.Op)
	}
	return s + "\n"
}

// dump prints shard's rows and applied index in eng.
func dump(t testing.TB, eng *storage.Engine, shard uint64) string {
	var b strings.Builder
	start, end := storage.ShardDataSpan(shard)
	it, err := eng.NewIter(start, end)
	if err != nil {
		t.Fatal(err)
	}
	defer it.Close()
	out := make([]types.Datum, 1)
	for ok := it.First(); ok; ok = it.Next() {
		tk := storage.TableKeyOf(it.Key())
		if err := storage.DecodeKey(tk, []types.T{types.Int8Type}, out); err != nil {
			t.Fatal(err)
		}
		k := out[0]
		v, err := it.Value()
		if err != nil {
			t.Fatal(err)
		}
		if err := storage.DecodeValue(v, []uint32{2}, []types.T{types.TextType}, out); err != nil {
			t.Fatal(err)
		}
		val := "NULL"
		if out[0] != nil {
			val = out[0].(string)
		}
		fmt.Fprintf(&b, "t%d/%v = %s\n", binary.BigEndian.Uint32(tk), k, val)
	}
	dumpSessions(t, &b, eng, shard)
	applied, err := readIndex(eng, storage.AppliedIndexKey(shard))
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "applied=%d\n", applied)
	return b.String()
}

// dumpSessions prints shard's dedup records as
// "client C: seq S -> result".
func dumpSessions(t testing.TB, b *strings.Builder, eng *storage.Engine, shard uint64) {
	start, end := sessionSpan(shard)
	it, err := eng.NewIter(start, end)
	if err != nil {
		t.Fatal(err)
	}
	defer it.Close()
	for ok := it.First(); ok; ok = it.Next() {
		v, err := it.Value()
		if err != nil {
			t.Fatal(err)
		}
		s, err := decodeSession(v)
		if err != nil {
			t.Fatal(err)
		}
		res := strings.TrimSuffix(formatErr(s.res.err()), "\n")
		fmt.Fprintf(b, "client %d: seq %d -> %s\n", binary.BigEndian.Uint64(it.Key()[len(start):]), s.seq, res)
	}
}

// scanRows runs a scan of testTable (a point scan when point is set) over
// a linearizable snapshot and prints its rows.
func (e *env) scanRows(shard uint64, point string) string {
	ctx := context.Background()
	l := NewLocal(e.nh, e.eng)
	if err := l.readBarrier(ctx, shard); err != nil {
		return formatErr(err)
	}
	spec := &execpb.Scan{Table: testTable, Cols: []int{1, 0}}
	if point != "" {
		spec.Point = []*execpb.Expr{{Kind: execpb.ExprConst, Type: types.Int8Type, Text: point}}
	}
	snap := e.eng.NewSnapshot()
	defer snap.Close()
	return runScan(e.t, snap, shard, spec)
}

func runScan(t testing.TB, snap *storage.Snapshot, shard uint64, spec *execpb.Scan) string {
	mem := memory.NewCheckedAllocator(memory.DefaultAllocator)
	defer mem.AssertSize(t, 0)
	op, err := newScan(snap, shard, spec, mem)
	if err != nil {
		return formatErr(err)
	}
	defer op.Close()
	if err := op.Open(context.Background()); err != nil {
		return formatErr(err)
	}
	return drainRows(op)
}

// drainRows prints every row op returns, cells separated by " | ".
func drainRows(op exec.Operator) string {
	ctx := context.Background()
	var b strings.Builder
	for {
		rec, err := op.Next(ctx)
		if err == io.EOF {
			break
		}
		if err != nil {
			return b.String() + formatErr(err)
		}
		for r := 0; r < int(rec.NumRows()); r++ {
			var cells []string
			for c := 0; c < int(rec.NumCols()); c++ {
				col := rec.Column(c)
				if col.IsNull(r) {
					cells = append(cells, "NULL")
					continue
				}
				cells = append(cells, cellString(col, r))
			}
			b.WriteString(strings.Join(cells, " | ") + "\n")
		}
	}
	if b.Len() == 0 {
		return "(no rows)\n"
	}
	return b.String()
}

func cellString(col any, r int) string {
	switch a := col.(type) {
	case *array.String:
		return a.Value(r)
	case *array.Int64:
		return strconv.FormatInt(a.Value(r), 10)
	}
	return fmt.Sprint(col)
}

func parseShards(t *testing.T, d *datadriven.TestData) []uint64 {
	var out []uint64
	for _, arg := range d.CmdArgs {
		if arg.Key != "shard" && arg.Key != "shards" {
			continue
		}
		for _, v := range arg.Vals {
			n, err := strconv.ParseUint(v, 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, n)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// entry returns a one-entry Update argument.
func entry(index uint64, cmd []byte) []sm.Entry {
	return []sm.Entry{{Index: index, Cmd: cmd}}
}
