package meta

import (
	"github.com/quiverdb/quiver/internal/pgerror"
)

// FirstTableID is the id of the first table a cluster creates.
const FirstTableID = 100000

// PostgresDatabaseID is the id of the database every cluster starts with.
const PostgresDatabaseID = 1

// outcome is what applying one command produced: a new state, or the old
// one with a notice (skipped by IF [NOT] EXISTS) or an error.
type outcome struct {
	state  *State
	notice *pgerror.Error
	err    error
}

// apply applies cmd to s and returns the outcome. It is a pure function:
// s is never modified, and the result depends only on s and cmd.
func apply(s *State, cmd *Command) outcome {
	switch {
	case cmd.Bootstrap != nil:
		return applyBootstrap(s, cmd.Bootstrap)
	case !s.bootstrapped():
		return failed(s, pgerror.New(pgerror.ObjectNotInPrerequisiteState, "cluster is not bootstrapped"))
	case cmd.CreateTable != nil:
		return applyCreateTable(s, cmd.CreateTable)
	case cmd.DropTable != nil:
		return applyDropTable(s, cmd.DropTable)
	case cmd.CreateDatabase != nil:
		return applyCreateDatabase(s, cmd.CreateDatabase)
	case cmd.DropDatabase != nil:
		return applyDropDatabase(s, cmd.DropDatabase)
	case cmd.AddNode != nil:
		return applyAddNode(s, cmd.AddNode)
	case cmd.AddReplica != nil:
		return applyAddReplica(s, cmd.AddReplica)
	case cmd.RemoveReplica != nil:
		return applyRemoveReplica(s, cmd.RemoveReplica)
	case cmd.SetNodeState != nil:
		return applySetNodeState(s, cmd.SetNodeState)
	case cmd.Heartbeat != nil:
		return applyHeartbeat(s, cmd.Heartbeat)
	}
	return failed(s, pgerror.AssertionFailedf("meta command with no operation"))
}

func (s *State) bootstrapped() bool { return s.NextDatabaseID != 0 }

func changed(s *State) outcome { return outcome{state: s} }

func failed(s *State, err error) outcome { return outcome{state: s, err: err} }

func skipped(s *State, code pgerror.Code, format string, args ...any) outcome {
	n := pgerror.Flatten(pgerror.Newf(code, format, args...))
	return outcome{state: s, notice: n}
}

// next returns a shallow copy of s with Version+1 and its own slices, so
// the caller may append to and remove from them without touching s.
func (s *State) next() *State {
	n := *s
	n.Version++
	n.Notice = nil
	n.Databases = append([]Database(nil), s.Databases...)
	n.Tables = append([]*Table(nil), s.Tables...)
	n.Shards = cloneShards(s.Shards)
	n.Nodes = append([]Node(nil), s.Nodes...)
	n.MetaReplicas = cloneReplicas(s.MetaReplicas)
	n.MetaRemoved = append([]uint64(nil), s.MetaRemoved...)
	return &n
}

func cloneShards(shards []Shard) []Shard {
	out := make([]Shard, len(shards))
	for i, sh := range shards {
		out[i] = Shard{ID: sh.ID, Replicas: cloneReplicas(sh.Replicas), Removed: append([]uint64(nil), sh.Removed...)}
	}
	return out
}

func cloneReplicas(r map[uint64]string) map[uint64]string {
	if r == nil {
		return nil
	}
	out := make(map[uint64]string, len(r))
	for id, addr := range r {
		out[id] = addr
	}
	return out
}
