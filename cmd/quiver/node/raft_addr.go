package node

import (
	"net"
	"strings"

	"github.com/quiverdb/quiver/internal/pgerror"
)

// resolveRaftAddr returns the raft address to use. dragonboat needs a
// concrete port and ties its data to the address, so a restart uses the
// one in node.json (recorded) and a fresh node with port 0 gets a free
// port by probing.
func resolveRaftAddr(want, recorded string) (string, error) {
	if recorded != "" {
		if !isPortZero(want) && want != recorded {
			return "", pgerror.Newf(pgerror.InvalidParameterValue,
				"raft address %s differs from %s recorded in node.json; a node's raft address cannot change", want, recorded)
		}
		return recorded, nil
	}
	if !isPortZero(want) {
		return want, nil
	}
	return probeFreePort(want)
}

func isPortZero(addr string) bool { return strings.HasSuffix(addr, ":0") }

// probeFreePort binds addr (port 0), notes the port the kernel chose and
// releases it.
func probeFreePort(addr string) (string, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", pgerror.Wrapf(err, pgerror.SystemError, "choosing a raft port")
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}
