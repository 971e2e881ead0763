// Command quiver runs a Quiver node: `quiver start` serves the PostgreSQL
// wire protocol, Raft, internal RPC and HTTP; `quiver node decommission`
// drains a node; `quiver demo` runs a local cluster; `quiver version`
// prints the build.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"

	"github.com/quiverdb/quiver/cmd/quiver/node"
)

// version is set at link time: -ldflags "-X main.version=v0.1.0".
var version = "dev"

const usage = `usage: quiver <command> [flags]

commands:
  start     run a node (quiver start -h lists its flags)
  node      manage nodes: quiver node decommission --rpc-addr ADDR NODE_ID
  demo      start a local cluster in one step (quiver demo --nodes 3)
  version   print the version
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "start":
		return start(args[1:], stderr)
	case "node":
		return nodeCmd(args[1:], stdout, stderr)
	case "demo":
		return demo(args[1:], stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, versionString())
		return 0
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "quiver: unknown command %q\n%s", args[0], usage)
	return 2
}

// start runs a node until SIGINT or SIGTERM, then stops it cleanly.
func start(args []string, stderr io.Writer) int {
	cfg, err := parseStart(args, stderr)
	if err != nil {
		return 2
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	cfg.Logger = log
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	n, err := node.Start(ctx, cfg)
	if err != nil {
		log.Error("quiver failed to start", "err", err)
		return 1
	}
	<-ctx.Done()
	log.Info("quiver shutting down")
	if err := n.Stop(); err != nil {
		log.Error("quiver stopped with an error", "err", err)
		return 1
	}
	return 0
}

// parseStart reads start's flags; each defaults to its QUIVER_*
// environment variable, then to the built-in default.
func parseStart(args []string, stderr io.Writer) (node.Config, error) {
	fs := flag.NewFlagSet("quiver start", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg node.Config
	var join string
	fs.StringVar(&cfg.DataDir, "data-dir", env("QUIVER_DATA_DIR", "./quiver-data"), "data directory [$QUIVER_DATA_DIR]")
	fs.StringVar(&cfg.ListenAddr, "listen", env("QUIVER_LISTEN", "127.0.0.1:5433"), "PostgreSQL wire protocol address [$QUIVER_LISTEN]")
	fs.StringVar(&cfg.RaftAddr, "raft-addr", env("QUIVER_RAFT_ADDR", "127.0.0.1:7433"), "Raft address [$QUIVER_RAFT_ADDR]")
	fs.StringVar(&cfg.RPCAddr, "rpc-addr", env("QUIVER_RPC_ADDR", "127.0.0.1:7434"), "internal RPC address [$QUIVER_RPC_ADDR]")
	fs.StringVar(&cfg.HTTPAddr, "http-addr", env("QUIVER_HTTP_ADDR", "127.0.0.1:8433"), "HTTP address of /metrics and /healthz [$QUIVER_HTTP_ADDR]")
	fs.StringVar(&join, "join", env("QUIVER_JOIN", ""), "comma-separated RPC addresses of nodes to join; empty bootstraps a new cluster [$QUIVER_JOIN]")
	fs.IntVar(&cfg.Replicas, "replicas", envInt("QUIVER_REPLICAS", 0), "replicas of every shard once enough nodes exist (0: 3) [$QUIVER_REPLICAS]")
	fs.BoolVar(&cfg.TinyMemory, "tiny-memory", env("QUIVER_TINY_MEMORY", "") == "true", "use dragonboat's tiny log memory (tests, many nodes on one machine) [$QUIVER_TINY_MEMORY]")
	snapshots := fs.String("snapshot-entries", env("QUIVER_SNAPSHOT_ENTRIES", ""), "testing only: N or N/M, take a snapshot every N entries and keep M (default N/4) in the log [$QUIVER_SNAPSHOT_ENTRIES]")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	var err error
	if cfg.SnapshotEntries, cfg.CompactionOverhead, err = parseSnapshotEntries(*snapshots); err != nil {
		fmt.Fprintf(stderr, "quiver start: --snapshot-entries: %v\n", err)
		return cfg, err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "quiver start: unexpected argument %q\n", fs.Arg(0))
		return cfg, flag.ErrHelp
	}
	cfg.Join = splitList(join)
	return cfg, nil
}

func env(name, def string) string {
	if v, ok := os.LookupEnv(name); ok && v != "" {
		return v
	}
	return def
}

// envInt returns the integer in variable name, or def when it is unset
// or malformed (the flag then reports a bad value itself).
func envInt(name string, def int) int {
	if v, err := strconv.Atoi(env(name, "")); err == nil {
		return v
	}
	return def
}

// parseSnapshotEntries reads "N" or "N/M": a snapshot every N applied
// entries, M entries kept in the log after one (N/4 when omitted). ""
// keeps the defaults (0, 0).
func parseSnapshotEntries(s string) (entries, overhead uint64, err error) {
	if s == "" {
		return 0, 0, nil
	}
	n, m, hasM := strings.Cut(s, "/")
	if entries, err = strconv.ParseUint(n, 10, 64); err != nil || entries == 0 {
		return 0, 0, fmt.Errorf("%q: want N or N/M with N > 0", s)
	}
	overhead = entries / 4
	if hasM {
		if overhead, err = strconv.ParseUint(m, 10, 64); err != nil {
			return 0, 0, fmt.Errorf("%q: want N or N/M", s)
		}
	}
	return entries, overhead, nil
}

func splitList(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

func versionString() string {
	s := "quiver " + version
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, kv := range info.Settings {
			if kv.Key == "vcs.revision" {
				s += " (" + kv.Value + ")"
			}
		}
		s += " " + info.GoVersion
	}
	return s
}
