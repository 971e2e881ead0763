package logictest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"regexp"
	"strconv"
	"sync"

	"github.com/quiverdb/quiver/cmd/quiver/node"
)

// cluster is an in-process Quiver cluster for one config.
type cluster struct {
	nodes []*node.Node
	dirs  []string
	err   error
}

var (
	clustersMu sync.Mutex
	clusters   = map[string]*cluster{}
)

var configOptionRE = regexp.MustCompile(`^([0-9]+)(node|shard)$`)

// quiverServer returns the conninfo of the cluster for config, starting it
// on first use; it stays up until stopServers.
func quiverServer(config string) (string, error) {
	clustersMu.Lock()
	defer clustersMu.Unlock()
	c, ok := clusters[config]
	if !ok {
		c = startCluster(config)
		clusters[config] = c
	}
	if c.err != nil {
		return "", c.err
	}
	host, port, err := net.SplitHostPort(c.nodes[0].SQLAddr())
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("host=%s port=%s user=postgres dbname=postgres sslmode=disable", host, port), nil
}

// parseConfig reads a config line's node and shard counts.
func parseConfig(config string) (nodes, shards int, err error) {
	nodes = 1
	for _, opt := range regexp.MustCompile(`\s+`).Split(config, -1) {
		m := configOptionRE.FindStringSubmatch(opt)
		if m == nil {
			return 0, 0, fmt.Errorf("unknown config option %q (want Nnode or Kshard)", opt)
		}
		n, _ := strconv.Atoi(m[1])
		if m[2] == "node" {
			nodes = n
		} else {
			shards = n
		}
	}
	if nodes < 1 {
		return 0, 0, fmt.Errorf("config %q needs at least one node", config)
	}
	return nodes, shards, nil
}

func startCluster(config string) *cluster {
	c := &cluster{}
	nodes, shards, err := parseConfig(config)
	if err != nil {
		c.err = err
		return c
	}
	var join []string
	for i := 0; i < nodes && c.err == nil; i++ {
		cfg, err := c.nodeConfig(nodes, shards, join)
		if err != nil {
			c.err = err
			break
		}
		n, err := node.Start(context.Background(), cfg)
		if err != nil {
			c.err = fmt.Errorf("node %d of %q: %w", i+1, config, err)
			break
		}
		c.nodes = append(c.nodes, n)
		if i == 0 {
			join = []string{cfg.RPCAddr}
		}
	}
	return c
}

// nodeConfig makes one node's configuration: ports chosen by the kernel
// for a single node, probed free ports when other nodes must join it.
func (c *cluster) nodeConfig(nodes, shards int, join []string) (node.Config, error) {
	dir, err := os.MkdirTemp("", "quiver-logictest-")
	if err != nil {
		return node.Config{}, err
	}
	c.dirs = append(c.dirs, dir)
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	if *nodeLogFlag {
		logger = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	cfg := node.Config{
		DataDir: dir, ListenAddr: "127.0.0.1:0", RaftAddr: "127.0.0.1:0",
		RPCAddr: "127.0.0.1:0", HTTPAddr: "127.0.0.1:0",
		Join: join, DataShards: shards, TinyMemory: true, Logger: logger,
	}
	if nodes > 1 {
		if cfg.RaftAddr, err = freeAddr(); err != nil {
			return cfg, err
		}
		if cfg.RPCAddr, err = freeAddr(); err != nil {
			return cfg, err
		}
	}
	return cfg, nil
}

// freeAddr returns a loopback address whose port was free a moment ago.
func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// stopServers stops every node started and removes their directories.
func stopServers() error {
	clustersMu.Lock()
	defer clustersMu.Unlock()
	var errs []error
	for _, c := range clusters {
		for i := len(c.nodes) - 1; i >= 0; i-- {
			errs = append(errs, c.nodes[i].Stop())
		}
		for _, d := range c.dirs {
			errs = append(errs, os.RemoveAll(d))
		}
	}
	clusters = map[string]*cluster{}
	return errors.Join(errs...)
}
