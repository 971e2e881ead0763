package meta

import (
	"bytes"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/cockroachdb/datadriven"
	sm "github.com/lni/dragonboat/v4/statemachine"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
)

// TestApply runs testdata/apply: each command goes through EncodeCommand,
// the state machine's Update and decodeResult, as in a real proposal.
func TestApply(t *testing.T) {
	datadriven.Walk(t, "testdata/apply", func(t *testing.T, path string) {
		var cur atomic.Pointer[State]
		m := newStateMachine(&cur)
		index := uint64(0)
		datadriven.RunTest(t, path, func(t *testing.T, d *datadriven.TestData) string {
			switch d.Cmd {
			case "state":
				return formatState(cur.Load())
			case "snapshot":
				return snapshotRoundTrip(t, m)
			}
			cmd := parseCommand(t, d)
			data, err := EncodeCommand(cmd)
			if err != nil {
				t.Fatal(err)
			}
			index++
			res, err := m.Update(sm.Entry{Index: index, Cmd: data})
			if err != nil {
				t.Fatal(err)
			}
			return formatResult(res)
		})
	})
}

func formatResult(res sm.Result) string {
	notice, err := decodeResult(res.Data)
	switch {
	case err != nil:
		return fmt.Sprintf("error (%s): %s\n", pgerror.CodeOf(err), err)
	case notice != nil:
		return fmt.Sprintf("notice (%s): %s\nversion=%d\n", notice.Code, notice.Message, res.Value)
	}
	return fmt.Sprintf("version=%d\n", res.Value)
}

// snapshotRoundTrip saves m's state, recovers it into a new state
// machine and reports whether both print the same.
func snapshotRoundTrip(t *testing.T, m *stateMachine) string {
	var buf bytes.Buffer
	if err := m.SaveSnapshot(&buf, nil, nil); err != nil {
		t.Fatal(err)
	}
	var cur atomic.Pointer[State]
	r := newStateMachine(&cur)
	if err := r.RecoverFromSnapshot(&buf, nil, nil); err != nil {
		t.Fatal(err)
	}
	before, after := formatState(m.cur.Load()), formatState(cur.Load())
	if before != after {
		return "recovered state differs:\n" + after
	}
	return "recovered state matches\n"
}

func parseCommand(t *testing.T, d *datadriven.TestData) *Command {
	var name string
	d.MaybeScanArgs(t, "name", &name)
	db := uint32(PostgresDatabaseID)
	d.MaybeScanArgs(t, "db", &db)
	switch d.Cmd {
	case "bootstrap":
		var shards int
		d.ScanArgs(t, "shards", &shards)
		return BootstrapCommand(Node{ID: 1, RaftAddr: "127.0.0.1:7433"}, shards)
	case "create-table":
		return &Command{CreateTable: &CreateTable{
			Table:       Table{Database: db, Name: name, Columns: parseColumns(t, d.Input), PrimaryKey: []int{0}},
			IfNotExists: d.HasArg("if-not-exists"),
		}}
	case "drop-table":
		return &Command{DropTable: &DropTable{Database: db, Name: name, IfExists: d.HasArg("if-exists")}}
	case "create-database":
		return &Command{CreateDatabase: &CreateDatabase{Name: name}}
	case "drop-database":
		return &Command{DropDatabase: &DropDatabase{Name: name, IfExists: d.HasArg("if-exists")}}
	case "empty":
		return &Command{}
	case "add-node":
		var raft, rpc string
		d.ScanArgs(t, "raft", &raft)
		d.MaybeScanArgs(t, "rpc", &rpc)
		return &Command{AddNode: &AddNode{Node: Node{RaftAddr: raft, RPCAddr: rpc}}}
	case "add-replica":
		var shard, node uint64
		d.ScanArgs(t, "shard", &shard)
		d.ScanArgs(t, "node", &node)
		return &Command{AddReplica: &AddReplica{Shard: shard, Node: node}}
	case "remove-replica":
		var shard, node uint64
		d.ScanArgs(t, "shard", &shard)
		d.ScanArgs(t, "node", &node)
		return &Command{RemoveReplica: &RemoveReplica{Shard: shard, Node: node}}
	case "set-node-state":
		var node uint64
		var state string
		d.ScanArgs(t, "node", &node)
		d.ScanArgs(t, "state", &state)
		return &Command{SetNodeState: &SetNodeState{Node: node, State: NodeState(state)}}
	case "heartbeat":
		var node uint64
		var at int64
		d.ScanArgs(t, "node", &node)
		d.ScanArgs(t, "at", &at)
		var rs []ReplicaStatus
		for _, line := range strings.Fields(d.Input) {
			var r ReplicaStatus
			fmt.Sscanf(line, "%d:%t:%d", &r.Shard, &r.Leader, &r.Applied)
			rs = append(rs, r)
		}
		return &Command{Heartbeat: &Heartbeat{Node: node, At: at, Replicas: rs}}
	}
	t.Fatalf("unknown command %q", d.Cmd)
	return nil
}

var testTypes = map[string]types.T{
	"int4": types.Int4Type, "int8": types.Int8Type, "text": types.TextType, "bool": types.BoolType,
}

// parseColumns reads one "name type" column per line.
func parseColumns(t *testing.T, input string) []Column {
	var cols []Column
	for _, line := range strings.Split(strings.TrimSpace(input), "\n") {
		f := strings.Fields(line)
		if len(f) != 2 {
			continue
		}
		typ, ok := testTypes[f[1]]
		if !ok {
			t.Fatalf("unknown type %q", f[1])
		}
		cols = append(cols, Column{Name: f[0], Type: typ})
	}
	return cols
}

func formatState(s *State) string {
	var b strings.Builder
	fmt.Fprintf(&b, "version=%d next-table=%d next-database=%d\n", s.Version, s.NextTableID, s.NextDatabaseID)
	for _, db := range s.Databases {
		fmt.Fprintf(&b, "database %d %s\n", db.ID, db.Name)
	}
	for _, tb := range s.Tables {
		var cols []string
		for _, c := range tb.Columns {
			cols = append(cols, fmt.Sprintf("%d:%s", c.ID, c.Name))
		}
		fmt.Fprintf(&b, "table %d db=%d %s (%s)\n", tb.ID, tb.Database, tb.Name, strings.Join(cols, ", "))
	}
	for _, sh := range s.Shards {
		fmt.Fprintf(&b, "shard %d replicas=%v slots=%d", sh.ID, sh.Replicas, slotsOf(s, sh.ID))
		if len(sh.Removed) > 0 {
			fmt.Fprintf(&b, " removed=%v", sh.Removed)
		}
		b.WriteString("\n")
	}
	for _, n := range s.Nodes {
		fmt.Fprintf(&b, "node %d raft=%s", n.ID, n.RaftAddr)
		if n.RPCAddr != "" {
			fmt.Fprintf(&b, " rpc=%s", n.RPCAddr)
		}
		if n.State != "" {
			fmt.Fprintf(&b, " state=%s", n.State)
		}
		if n.LastHeartbeat != 0 {
			fmt.Fprintf(&b, " heartbeat=%d replicas=%v", n.LastHeartbeat, n.Replicas)
		}
		b.WriteString("\n")
	}
	if len(s.MetaReplicas) > 0 {
		fmt.Fprintf(&b, "meta replicas=%v next-node=%d", s.MetaReplicas, s.NextNodeID)
		if len(s.MetaRemoved) > 0 {
			fmt.Fprintf(&b, " removed=%v", s.MetaRemoved)
		}
		b.WriteString("\n")
	}
	if len(s.Shards) > 0 {
		fmt.Fprintf(&b, "slots[0..5]=%v\n", s.Slots[:6])
	}
	return b.String()
}

func slotsOf(s *State, shard uint64) int {
	n := 0
	for _, id := range s.Slots {
		if id == shard {
			n++
		}
	}
	return n
}
