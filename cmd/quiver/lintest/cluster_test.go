package lintest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/quiverdb/quiver/cmd/quiver/internal/quivertest"
)

// cluster is a test's set of processes.
type cluster struct {
	t     *testing.T
	procs []*quivertest.Process
}

// startCluster starts n processes, the 2nd.. joining the 1st, and waits
// until every shard has min(3, n) replicas on every node's view.
func startCluster(t *testing.T, n int) *cluster {
	t.Helper()
	c := &cluster{t: t}
	for i := 0; i < n; i++ {
		join := ""
		if i > 0 {
			join = c.procs[0].RPCAddr
		}
		p := newProcess(t, fmt.Sprintf("node%d", i+1), join)
		if err := p.Start(); err != nil {
			t.Fatalf("%v\n%s", err, p.Log())
		}
		c.procs = append(c.procs, p)
	}
	c.waitConverged(min(3, n))
	return c
}

// waitConverged waits until each process sees every shard converged to
// want replicas.
func (c *cluster) waitConverged(want int) {
	c.t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		var err error
		for _, p := range c.procs {
			if err = converged(p, len(c.procs), want); err != nil {
				break
			}
		}
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			c.dumpLogs()
			c.t.Fatalf("cluster did not converge: %v", err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func (c *cluster) dumpLogs() {
	for _, p := range c.procs {
		c.t.Logf("%s log:\n%s", p.Name, p.Log())
	}
}

// setup runs statements through node 0, retrying what a young cluster
// refuses for a while, then waits until every node can run check.
func (c *cluster) setup(stmts []string, check string) {
	c.t.Helper()
	for _, s := range stmts {
		c.execRetry(c.procs[0], s)
	}
	for _, p := range c.procs {
		c.execRetry(p, check)
	}
}

// execRetry runs sql through p on a fresh connection until it succeeds
// or 30s pass.
func (c *cluster) execRetry(p *quivertest.Process, sql string) {
	c.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		err := execOnce(p, sql)
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			c.dumpLogs()
			c.t.Fatalf("%s through %s: %v", sql, p.Name, err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func execOnce(p *quivertest.Process, sql string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, p.Conninfo())
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	_, err = conn.Exec(ctx, sql)
	return err
}

// nemesis kills -9 one node at a time (rotating over the nodes, so the
// meta leader is hit too) and restarts it with the same flags.
type nemesis struct {
	c          *cluster
	up, down   time.Duration // time between faults, time a node stays dead
	faults     int
	mu         sync.Mutex
	done       int
	startError error
}

// run makes n.faults faults, then returns; it stops early when ctx ends.
func (n *nemesis) run(ctx context.Context) {
	for i := 0; i < n.faults; i++ {
		if !sleepCtx(ctx, n.up) {
			return
		}
		p := n.c.procs[(i+1)%len(n.c.procs)]
		p.Kill()
		n.c.t.Logf("nemesis: killed %s at %s", p.Name, time.Now().Format("15:04:05.000"))
		sleepCtx(ctx, n.down)
		if err := p.Start(); err != nil {
			n.mu.Lock()
			n.startError = err
			n.mu.Unlock()
			return
		}
		n.c.t.Logf("nemesis: restarted %s at %s", p.Name, time.Now().Format("15:04:05.000"))
		n.mu.Lock()
		n.done++
		n.mu.Unlock()
	}
}

func (n *nemesis) result() (int, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.done, n.startError
}

func sleepCtx(ctx context.Context, d time.Duration) bool {
	select {
	case <-ctx.Done():
		return false
	case <-time.After(d):
		return true
	}
}

// client is one worker's connection, to its home node while that node
// lives, else to the next one that answers.
type client struct {
	c    *cluster
	home int
	conn *pgx.Conn
}

// connection returns the open connection, connecting if needed; it
// gives up when ctx ends.
func (cl *client) connection(ctx context.Context) (*pgx.Conn, error) {
	if cl.conn != nil && !cl.conn.IsClosed() {
		return cl.conn, nil
	}
	cl.conn = nil
	for i := 0; ; i++ {
		p := cl.c.procs[(cl.home+i)%len(cl.c.procs)]
		cctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		conn, err := pgx.Connect(cctx, p.Conninfo())
		cancel()
		if err == nil {
			cl.conn = conn
			return conn, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// fail drops the connection after an error that may have broken it.
func (cl *client) fail(err error) {
	var pe *pgconn.PgError
	if cl.conn != nil && !errors.As(err, &pe) {
		cl.conn.Close(context.Background())
		cl.conn = nil
	}
}

func (cl *client) close() {
	if cl.conn != nil {
		cl.conn.Close(context.Background())
	}
}

// outcome classifies a statement's error.
type outcome uint8

const (
	outcomeOK outcome = iota
	// outcomeFailed: the statement certainly did not apply.
	outcomeFailed
	// outcomeUnknown: the statement may or may not have applied.
	outcomeUnknown
)

// classify maps a statement's error to its outcome. Serialization
// failures (a conflict, or Raft dropped the request) and duplicate keys
// are answers; so is a request pgx never sent. Anything else (40003, a
// broken connection, a timeout, a node shutting down) may have applied.
func classify(err error) outcome {
	if err == nil {
		return outcomeOK
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "40001", "23505", "42P01":
			return outcomeFailed
		}
		return outcomeUnknown
	}
	if pgconn.SafeToRetry(err) {
		return outcomeFailed
	}
	return outcomeUnknown
}
