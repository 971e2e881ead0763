package quivertest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// ClusterInfo mirrors the JSON of node.ClusterInfo, the node's view of
// the cluster that /debug/cluster serves. It is a copy on purpose: the
// tests read the binary from the outside.
type ClusterInfo struct {
	NodeID      uint64         `json:"node_id"`
	MetaVersion uint64         `json:"meta_version"`
	Nodes       []uint64       `json:"nodes"`
	Shards      []ShardReplica `json:"shards"`
}

// ShardReplica is one shard as a node sees it.
type ShardReplica struct {
	ID      uint64   `json:"id"`
	Placed  []uint64 `json:"placed"`
	Running bool     `json:"running"`
	Members []uint64 `json:"members"`
	Leader  uint64   `json:"leader"`
}

// ClusterInfo fetches the process's /debug/cluster.
func (p *Process) ClusterInfo() (*ClusterInfo, error) {
	c := http.Client{Timeout: 2 * time.Second}
	resp, err := c.Get("http://" + p.HTTPAddr + "/debug/cluster")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET /debug/cluster: %s", resp.Status)
	}
	var info ClusterInfo
	if err := json.NewDecoder(resp.Body).Decode(&info); err != nil {
		return nil, err
	}
	return &info, nil
}

// Converged returns nil when the view knows nodes nodes and every shard
// is placed on replicas nodes, runs here with replicas members and has a
// leader; otherwise an error naming what differs.
func (c *ClusterInfo) Converged(nodes, replicas int) error {
	if len(c.Nodes) != nodes {
		return fmt.Errorf("knows %d nodes", len(c.Nodes))
	}
	for _, sh := range c.Shards {
		if len(sh.Placed) != replicas || !sh.Running || len(sh.Members) != replicas || sh.Leader == 0 {
			return fmt.Errorf("shard %d placed %v running %v members %v leader %d",
				sh.ID, sh.Placed, sh.Running, sh.Members, sh.Leader)
		}
	}
	return nil
}
