package shard

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/cockroachdb/datadriven"
	"github.com/lni/dragonboat/v4"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/storage"
)

// TestDataDriven runs the scripts in testdata. Commands:
//
//	start shards=1,2          start the node and single-replica shards
//	propose shard=1 [client=C seq=S]
//	                          propose the input's ops (one per line),
//	                          with a request identity when given
//	apply shard=1 index=N [client=C seq=S] [other]
//	                          apply the input's ops directly (no Raft),
//	                          to the second Engine with other
//	dump shard=1 [other]      print the shard's rows, dedup records and
//	                          applied index
//	scan shard=1 [point=K]    linearizable scan of table 1
//	query shard=1 [gt=K]      Local.Query of a scan of table 1 (k > K)
//	request-snapshot shard=1  have dragonboat take a snapshot (Sync)
//	restart [kill]            restart the node; kill loses unsynced writes
//	snapshot shard=1          save the shard's snapshot stream
//	recover shard=1           apply the input's ops to a second Engine
//	                          (and a row to shard+1), then recover it
//	                          from the saved snapshot
//	open shard=1              open a state machine, print its index
//	set-floor shard=1 index=N overwrite the durable floor
func TestDataDriven(t *testing.T) {
	datadriven.Walk(t, "testdata", func(t *testing.T, path string) {
		e := newEnv(t)
		datadriven.RunTest(t, path, func(t *testing.T, d *datadriven.TestData) string {
			return e.run(t, d)
		})
	})
}

func (e *env) run(t *testing.T, d *datadriven.TestData) string {
	shards := parseShards(t, d)
	shard := uint64(0)
	if len(shards) > 0 {
		shard = shards[0]
	}
	switch d.Cmd {
	case "start":
		e.startNodeHost()
		e.shards = shards
		for _, s := range shards {
			e.startShard(s)
		}
		return e.openedReport()
	case "propose":
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		return formatErr(NewLocal(e.nh, e.eng).Write(ctx, shard, withRequestID(t, d, parseOps(t, d.Input))))
	case "apply":
		eng := e.eng
		if d.HasArg("other") {
			eng = e.otherEngine(t)
		}
		return formatErr(e.applyCmd(t, eng, shard, intArg(t, d, "index"), withRequestID(t, d, parseOps(t, d.Input))))
	case "dump":
		if d.HasArg("other") {
			return dump(t, e.other, shard)
		}
		return dump(t, e.eng, shard)
	case "scan":
		point := ""
		if d.HasArg("point") {
			point = strconv.FormatUint(intArg(t, d, "point"), 10)
		}
		return e.scanRows(shard, point)
	case "query":
		return e.query(t, shard, d)
	case "request-snapshot":
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		idx, err := e.nh.SyncRequestSnapshot(ctx, shard, dragonboat.DefaultSnapshotOption)
		if err != nil {
			return formatErr(err)
		}
		return fmt.Sprintf("snapshot at index %d\n", idx)
	case "restart":
		e.restart(d.HasArg("kill"))
		return e.openedReport()
	case "snapshot":
		return e.saveSnapshot(t, shard)
	case "recover":
		return e.recoverSnapshot(t, shard, d.Input)
	case "open":
		s := &stateMachine{eng: e.eng, shard: shard, replica: 1}
		idx, err := s.Open(nil)
		if err != nil {
			return formatErr(err)
		}
		return fmt.Sprintf("opened at index %d\n", idx)
	case "set-floor":
		if err := writeFloor(e.eng, shard, intArg(t, d, "index")); err != nil {
			t.Fatal(err)
		}
		return "ok\n"
	}
	t.Fatalf("unknown command %q", d.Cmd)
	return ""
}

func intArg(t *testing.T, d *datadriven.TestData, key string) uint64 {
	var s string
	d.ScanArgs(t, key, &s)
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		t.Fatalf("%s=%s: %v", key, s, err)
	}
	return n
}

// withRequestID sets cmd's request identity from the client and seq
// arguments, when present.
func withRequestID(t *testing.T, d *datadriven.TestData, cmd *WriteCommand) *WriteCommand {
	if d.HasArg("client") {
		cmd.Client, cmd.Seq = intArg(t, d, "client"), intArg(t, d, "seq")
	}
	return cmd
}

func (e *env) applyDirect(t *testing.T, eng *storage.Engine, shard, index uint64, input string) string {
	return formatErr(e.applyCmd(t, eng, shard, index, parseOps(t, input)))
}

func (e *env) applyCmd(t *testing.T, eng *storage.Engine, shard, index uint64, cmd *WriteCommand) error {
	b := eng.NewBatch()
	defer b.Close()
	res, err := apply(b, shard, index, cmd, &applyScratch{})
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Commit(false); err != nil {
		t.Fatal(err)
	}
	return res.err()
}

func (e *env) saveSnapshot(t *testing.T, shard uint64) string {
	s := &stateMachine{eng: e.eng, shard: shard, replica: 1}
	ctx, err := s.PrepareSnapshot()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := s.SaveSnapshot(ctx, &buf, make(chan struct{})); err != nil {
		return formatErr(err)
	}
	e.saved = buf.Bytes()
	return fmt.Sprintf("saved %d bytes\n", buf.Len())
}

// otherEngine returns the second Engine, opening it on first use.
func (e *env) otherEngine(t *testing.T) *storage.Engine {
	if e.other == nil {
		other, err := storage.Open(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		e.other = other
	}
	return e.other
}

func (e *env) recoverSnapshot(t *testing.T, shard uint64, input string) string {
	e.otherEngine(t)
	var out string
	if input != "" {
		out = "preload: " + e.applyDirect(t, e.other, shard, 1, input)
		e.applyDirect(t, e.other, shard+1, 1, "insert t=1 k=5 v=neighbour")
	}
	s := &stateMachine{eng: e.other, shard: shard, replica: 2}
	if err := s.RecoverFromSnapshot(bytes.NewReader(e.saved), make(chan struct{})); err != nil {
		return out + formatErr(err)
	}
	s2 := &stateMachine{eng: e.other, shard: shard, replica: 2}
	idx, err := s2.Open(nil)
	if err != nil {
		return out + formatErr(err)
	}
	return out + fmt.Sprintf("recovered; reopened at index %d\n", idx)
}

func (e *env) query(t *testing.T, shard uint64, d *datadriven.TestData) string {
	scan := &execpb.Scan{Table: testTable, Cols: []int{0, 1}}
	if d.HasArg("gt") {
		scan.Filter = &execpb.Expr{Kind: execpb.ExprOp, Op: ">", Type: types.BoolType, Args: []*execpb.Expr{
			{Kind: execpb.ExprColumn, Col: 0, Type: types.Int8Type},
			{Kind: execpb.ExprConst, Type: types.Int8Type, Text: strconv.FormatUint(intArg(t, d, "gt"), 10)},
		}}
	}
	frag := &execpb.Node{Kind: execpb.NodeScan, Types: []types.T{types.Int8Type, types.TextType},
		Names: []string{"k", "v"}, Scan: scan}
	ctx := context.Background()
	op, err := NewLocal(e.nh, e.eng).Query(ctx, shard, frag)
	if err != nil {
		return formatErr(err)
	}
	defer op.Close()
	if err := op.Open(ctx); err != nil {
		return formatErr(err)
	}
	return drainRows(op)
}
