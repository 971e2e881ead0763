package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os/signal"
	"strconv"
	"syscall"

	"github.com/quiverdb/quiver/cmd/quiver/node"
)

const nodeUsage = `usage: quiver node decommission --rpc-addr ADDR NODE_ID

  decommission   move every replica off node NODE_ID, then mark it
                 decommissioned; ADDR is any live node's --rpc-addr
`

// nodeCmd runs `quiver node SUBCOMMAND`.
func nodeCmd(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "decommission" {
		fmt.Fprint(stderr, nodeUsage)
		return 2
	}
	addr, id, err := parseDecommission(args[1:], stderr)
	if err != nil {
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if err := node.Decommission(ctx, addr, id, stdout); err != nil {
		fmt.Fprintf(stderr, "quiver node decommission: %v\n", err)
		return 1
	}
	return 0
}

// parseDecommission reads decommission's flags and node id.
func parseDecommission(args []string, stderr io.Writer) (string, uint64, error) {
	fs := flag.NewFlagSet("quiver node decommission", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("rpc-addr", env("QUIVER_RPC_ADDR", "127.0.0.1:7434"), "RPC address of any live node [$QUIVER_RPC_ADDR]")
	if err := fs.Parse(args); err != nil {
		return "", 0, err
	}
	if fs.NArg() != 1 {
		fmt.Fprint(stderr, nodeUsage)
		return "", 0, flag.ErrHelp
	}
	id, err := strconv.ParseUint(fs.Arg(0), 10, 64)
	if err != nil || id == 0 {
		fmt.Fprintf(stderr, "quiver node decommission: invalid node id %q\n", fs.Arg(0))
		return "", 0, flag.ErrHelp
	}
	return *addr, id, nil
}
