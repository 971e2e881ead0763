package node

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/quiverdb/quiver/internal/pgerror"
)

// identityFile is the node's identity in its data directory.
const identityFile = "node.json"

// identity is the content of node.json.
type identity struct {
	NodeID    uint64 `json:"node_id"`
	ClusterID uint64 `json:"cluster_id"`
	RaftAddr  string `json:"raft_addr"`
	RPCAddr   string `json:"rpc_addr"`
	SQLAddr   string `json:"sql_addr"`
	HTTPAddr  string `json:"http_addr"`
	// DataShards is the number of data shards of the bootstrap.
	DataShards int `json:"data_shards"`
	// Bootstrapped is set once the bootstrap command has applied; a node
	// that stopped before that redoes the (idempotent) bootstrap.
	Bootstrapped bool `json:"bootstrapped"`
	// Joined is set on a node that joined an existing cluster (it never
	// bootstraps); Join is the comma-separated --join it joined with,
	// the first nodes it asks for the meta state at restart.
	Joined bool   `json:"joined,omitempty"`
	Join   string `json:"join,omitempty"`
}

// readIdentity returns the identity in dir, or nil when dir has none.
func readIdentity(dir string) (*identity, error) {
	b, err := os.ReadFile(filepath.Join(dir, identityFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, pgerror.Wrapf(err, pgerror.SystemError, "reading node identity")
	}
	id := &identity{}
	if err := json.Unmarshal(b, id); err != nil {
		return nil, pgerror.Wrapf(err, pgerror.SystemError, "parsing %s", filepath.Join(dir, identityFile))
	}
	return id, nil
}

// writeIdentity replaces node.json in dir atomically and durably.
func writeIdentity(dir string, id *identity) error {
	b, err := json.MarshalIndent(id, "", "  ")
	if err != nil {
		return pgerror.AssertionFailedf("encoding node identity: %v", err)
	}
	tmp := filepath.Join(dir, identityFile+".tmp")
	if err := writeSynced(tmp, append(b, '\n')); err != nil {
		return pgerror.Wrapf(err, pgerror.SystemError, "writing node identity")
	}
	if err := os.Rename(tmp, filepath.Join(dir, identityFile)); err != nil {
		return pgerror.Wrapf(err, pgerror.SystemError, "writing node identity")
	}
	return syncDir(dir)
}

func writeSynced(path string, b []byte) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return pgerror.Wrapf(err, pgerror.SystemError, "syncing data directory")
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return pgerror.Wrapf(err, pgerror.SystemError, "syncing data directory")
	}
	return nil
}

// newClusterID returns a random non-zero cluster id; it is dragonboat's
// DeploymentID, so nodes of different clusters never talk Raft.
func newClusterID() (uint64, error) {
	var b [8]byte
	for {
		if _, err := rand.Read(b[:]); err != nil {
			return 0, pgerror.Wrapf(err, pgerror.SystemError, "generating cluster id")
		}
		if id := binary.LittleEndian.Uint64(b[:]); id != 0 {
			return id, nil
		}
	}
}
