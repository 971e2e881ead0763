package sql

import (
	"fmt"
	"strings"
	"time"

	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/meta"
)

// The schema quiver_internal holds virtual tables describing the
// cluster, generated on the gateway from its meta.State like the system
// catalogs: nodes (membership, addresses, state and last heartbeat),
// shards (slots, leader, applied index and size) and replicas (one row
// per placed replica). Figures that only the nodes know (leaders,
// applied indexes, sizes) come from their latest heartbeats, recorded in
// the meta state every few seconds, so they lag by that much.
const internalSchema = "quiver_internal"

// Relation OIDs of quiver_internal's tables (outside PostgreSQL's
// bootstrap range and below FirstTableID).
const (
	oidInternalNodes    = 90001
	oidInternalShards   = 90002
	oidInternalReplicas = 90003
)

var (
	timestamptzT = types.TimestampTZType
	int8T        = oidT
)

// internalTables are quiver_internal's tables.
var internalTables = []*virtualTable{internalNodesTable(), internalShardsTable(), internalReplicasTable()}

// lookupInternal returns the table quiver_internal.name, or nil.
func lookupInternal(schema, name string) *virtualTable {
	if schema != internalSchema {
		return nil
	}
	for _, vt := range internalTables {
		if vt.name == name {
			return vt
		}
	}
	return nil
}

func internalNodesTable() *virtualTable {
	return &virtualTable{
		schema: internalSchema, name: "nodes", oid: oidInternalNodes, kind: "v",
		cols: cols("node_id", int8T, "sql_addr", textT, "raft_addr", textT, "rpc_addr", textT,
			"http_addr", textT, "state", textT, "last_heartbeat", timestamptzT, "replicas", int8T),
		rows: func(env *catalogEnv) [][]any {
			if env.state == nil {
				return nil
			}
			var out [][]any
			for i := range env.state.Nodes {
				n := &env.state.Nodes[i]
				out = append(out, []any{int64(n.ID), n.SQLAddr, n.RaftAddr, n.RPCAddr, n.HTTPAddr,
					n.StateName(), heartbeatText(n.LastHeartbeat), env.state.ReplicaCount(n.ID)})
			}
			return out
		},
	}
}

// heartbeatText is a heartbeat time (Unix milliseconds, 0: never) as
// timestamptz text, or nil.
func heartbeatText(ms int64) any {
	if ms == 0 {
		return nil
	}
	return time.UnixMilli(ms).UTC().Format("2006-01-02 15:04:05.000-07")
}

func internalShardsTable() *virtualTable {
	return &virtualTable{
		schema: internalSchema, name: "shards", oid: oidInternalShards, kind: "v",
		cols: cols("shard_id", int8T, "kind", textT, "slots", textT, "slot_count", int4T,
			"replicas", int4T, "leader_node_id", int8T, "applied_index", int8T, "size_bytes", int8T),
		rows: func(env *catalogEnv) [][]any {
			if env.state == nil {
				return nil
			}
			var out [][]any
			for _, id := range env.state.ShardIDs() {
				out = append(out, shardRow(env.state, id))
			}
			return out
		},
	}
}

// shardRow is shard id's quiver_internal.shards row: its leader's
// applied index and size when a leader reported, else NULL.
func shardRow(s *meta.State, id uint64) []any {
	replicas, _ := s.ReplicasOf(id)
	kind, ranges, count := "meta", "", 0
	if id != meta.MetaShardID {
		kind = "data"
		ranges, count = slotRanges(s, id)
	}
	row := []any{int64(id), kind, ranges, count, len(replicas), nil, nil, nil}
	if leader := s.ReportedLeader(id); leader != 0 {
		st, _ := s.ReplicaStatus(leader, id)
		row[5], row[6], row[7] = int64(leader), int64(st.Applied), st.SizeBytes
	}
	return row
}

// slotRanges returns the slots shard owns as ranges ("0-63,128") and
// their number.
func slotRanges(s *meta.State, shard uint64) (string, int) {
	var parts []string
	count := 0
	for i := 0; i < len(s.Slots); i++ {
		if s.Slots[i] != shard {
			continue
		}
		j := i
		for j+1 < len(s.Slots) && s.Slots[j+1] == shard {
			j++
		}
		count += j - i + 1
		if i == j {
			parts = append(parts, fmt.Sprint(i))
		} else {
			parts = append(parts, fmt.Sprintf("%d-%d", i, j))
		}
		i = j
	}
	return strings.Join(parts, ","), count
}

func internalReplicasTable() *virtualTable {
	return &virtualTable{
		schema: internalSchema, name: "replicas", oid: oidInternalReplicas, kind: "v",
		cols: cols("shard_id", int8T, "node_id", int8T, "is_leader", boolT, "applied_index", int8T),
		rows: func(env *catalogEnv) [][]any {
			if env.state == nil {
				return nil
			}
			var out [][]any
			for _, id := range env.state.ShardIDs() {
				out = append(out, replicaRows(env.state, id)...)
			}
			return out
		},
	}
}

// replicaRows are shard id's quiver_internal.replicas rows, by node id;
// a replica its node has not reported yet has a NULL applied index.
func replicaRows(s *meta.State, id uint64) [][]any {
	replicas, _ := s.ReplicasOf(id)
	leader := s.ReportedLeader(id)
	var out [][]any
	for _, node := range sortedNodeIDs(replicas) {
		var applied any
		if st, ok := s.ReplicaStatus(node, id); ok {
			applied = int64(st.Applied)
		}
		out = append(out, []any{int64(id), int64(node), node == leader, applied})
	}
	return out
}

func sortedNodeIDs(m map[uint64]string) []uint64 {
	ids := make([]uint64, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	for i := 1; i < len(ids); i++ {
		for j := i; j > 0 && ids[j] < ids[j-1]; j-- {
			ids[j], ids[j-1] = ids[j-1], ids[j]
		}
	}
	return ids
}
