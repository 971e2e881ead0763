package sqlbench

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"sync"

	"github.com/quiverdb/quiver/cmd/quiver/node"
)

// The in-process node, started by the first benchmark that needs it.
var (
	nodeMu  sync.Mutex
	theNode *node.Node
	nodeDir string
	nodeErr error
)

// startNode returns the conninfo of the in-process node, starting it once.
func startNode() (string, error) {
	nodeMu.Lock()
	defer nodeMu.Unlock()
	if theNode == nil && nodeErr == nil {
		theNode, nodeErr = newNode()
	}
	if nodeErr != nil {
		return "", nodeErr
	}
	host, port, err := net.SplitHostPort(theNode.SQLAddr())
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("host=%s port=%s user=postgres dbname=postgres sslmode=disable", host, port), nil
}

func newNode() (*node.Node, error) {
	dir, err := os.MkdirTemp("", "quiver-sqlbench-")
	if err != nil {
		return nil, err
	}
	nodeDir = dir
	return node.Start(context.Background(), node.Config{
		DataDir: dir, ListenAddr: "127.0.0.1:0", RaftAddr: "127.0.0.1:0",
		RPCAddr: "127.0.0.1:0", HTTPAddr: "127.0.0.1:0",
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
}

// stopNode stops the node (if started) and removes its directory.
func stopNode() error {
	nodeMu.Lock()
	defer nodeMu.Unlock()
	var err error
	if theNode != nil {
		err = theNode.Stop()
		theNode = nil
	}
	if nodeDir != "" {
		os.RemoveAll(nodeDir)
	}
	return err
}
