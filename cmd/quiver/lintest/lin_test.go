package lintest

import (
	"context"
	"fmt"
	"math"
	"math/rand"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/anishathalye/porcupine"
	"github.com/jackc/pgx/v5"
)

// Linearizability run parameters.
const (
	linClients = 6
	linKeys    = 5
	minOps     = 1000
	minFaults  = 3
	// opTimeout bounds one statement; the gateway gives up retrying a
	// write after 10s, so this only fires when a node hangs.
	opTimeout = 15 * time.Second
)

// history collects the operations of every client.
type history struct {
	start time.Time
	mu    sync.Mutex
	ops   []porcupine.Operation
	// completed counts operations with a known outcome; unknown those
	// recorded as possibly applied; failed those left out.
	completed, unknown, failed int
	nextID                     int
}

func (h *history) now() int64 { return int64(time.Since(h.start)) }

// clientID returns a fresh porcupine client id: a worker takes a new one
// after an operation with an unknown outcome, whose return never comes.
func (h *history) clientID() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.nextID++
	return h.nextID - 1
}

// record adds an operation by outcome.
func (h *history) record(op porcupine.Operation, o outcome) {
	h.mu.Lock()
	defer h.mu.Unlock()
	switch o {
	case outcomeOK:
		h.completed++
		h.ops = append(h.ops, op)
	case outcomeUnknown:
		h.unknown++
		op.Return = math.MaxInt64
		out := op.Output.(kvOutput)
		out.unknown = true
		op.Output = out
		h.ops = append(h.ops, op)
	default:
		h.failed++
	}
}

// TestLinearizable runs reads, writes and compare-and-sets on linKeys
// registers from linClients clients spread over 3 nodes while the
// nemesis kills and restarts nodes, and checks the history with
// porcupine.
func TestLinearizable(t *testing.T) {
	began := time.Now()
	c := startCluster(t, 3)
	stmts := []string{"CREATE TABLE kv (k INT PRIMARY KEY, v BIGINT)"}
	for k := 0; k < linKeys; k++ {
		stmts = append(stmts, fmt.Sprintf("INSERT INTO kv VALUES (%d, %d)", k, initialValue))
	}
	c.setup(stmts, "SELECT count(*) FROM kv")
	t.Logf("cluster ready after %s", time.Since(began).Round(time.Millisecond))

	h := &history{start: time.Now()}
	n := &nemesis{c: c, up: 5 * time.Second, down: 3 * time.Second, faults: 4}
	ctx, cancel := context.WithTimeout(context.Background(), 70*time.Second)
	defer cancel()
	workCtx, stopWork := context.WithCancel(ctx)
	var wg sync.WaitGroup
	for i := 0; i < linClients; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			linWorker(workCtx, &client{c: c, home: i % len(c.procs)}, h, int64(i))
		}(i)
	}
	n.run(ctx)
	sleepCtx(ctx, 2*time.Second) // a tail without faults
	stopWork()
	wg.Wait()

	faults, startErr := n.result()
	t.Logf("history: %d completed, %d unknown, %d failed operations; %d faults; %s",
		h.completed, h.unknown, h.failed, faults, time.Since(began).Round(time.Millisecond))
	if startErr != nil {
		c.dumpLogs()
		t.Fatalf("nemesis: %v", startErr)
	}
	if h.completed < minOps || faults < minFaults {
		t.Fatalf("run too small: %d completed operations (want ≥ %d), %d faults (want ≥ %d)",
			h.completed, minOps, faults, minFaults)
	}
	checkHistory(t, h.ops)
}

// checkHistory fails t when ops are not linearizable, writing
// porcupine's visualization to a temporary file.
func checkHistory(t *testing.T, ops []porcupine.Operation) {
	res, info := porcupine.CheckOperationsVerbose(kvModel, ops, 60*time.Second)
	switch res {
	case porcupine.Ok:
		return
	case porcupine.Unknown:
		t.Fatalf("porcupine timed out checking %d operations", len(ops))
	}
	f, err := os.CreateTemp("", "quiver-lintest-*.html")
	if err != nil {
		t.Fatalf("history is not linearizable (and no visualization: %v)", err)
	}
	f.Close()
	if err := porcupine.VisualizePath(kvModel, info, f.Name()); err != nil {
		t.Fatalf("history is not linearizable (visualization failed: %v)", err)
	}
	t.Fatalf("history is not linearizable; visualization: %s", f.Name())
}

// linWorker runs random operations until ctx ends. Its written values
// are unique (worker*1e9 + counter), so a read names the write it saw.
func linWorker(ctx context.Context, cl *client, h *history, worker int64) {
	defer cl.close()
	rng := rand.New(rand.NewSource(worker + time.Now().UnixNano()))
	id := h.clientID()
	last := make([]int64, linKeys) // the last value this worker saw per key
	for seq := int64(1); ctx.Err() == nil; seq++ {
		in := kvInput{key: rng.Intn(linKeys), value: worker*1_000_000_000 + seq}
		switch r := rng.Intn(4); {
		case r < 2:
			in.kind = opRead
		case r == 2:
			in.kind = opWrite
		default:
			in.kind, in.old = opCAS, last[in.key]
		}
		conn, err := cl.connection(ctx)
		if err != nil {
			return
		}
		op := porcupine.Operation{ClientId: id, Input: in, Call: h.now()}
		out, err := runOp(conn, in)
		op.Return, op.Output = h.now(), out
		o := classify(err)
		if in.kind == opRead && o != outcomeOK {
			o = outcomeFailed // a failed read has no effect
		}
		h.record(op, o)
		if err != nil {
			cl.fail(err)
		}
		if o == outcomeUnknown {
			id = h.clientID()
		}
		if o == outcomeOK && in.kind == opRead {
			last[in.key] = out.value
		}
	}
}

// runOp runs one operation on conn, under its own deadline: a run that
// ends does not cut an operation short (its outcome would be unknown).
func runOp(conn *pgx.Conn, in kvInput) (kvOutput, error) {
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	switch in.kind {
	case opRead:
		var v int64
		err := conn.QueryRow(ctx, "SELECT v FROM kv WHERE k = $1", in.key).Scan(&v)
		return kvOutput{value: v}, err
	case opWrite:
		tag, err := conn.Exec(ctx, "UPDATE kv SET v = $2 WHERE k = $1", in.key, in.value)
		if err == nil && tag.RowsAffected() != 1 {
			err = fmt.Errorf("write of key %d updated %d rows", in.key, tag.RowsAffected())
		}
		return kvOutput{}, err
	}
	tag, err := conn.Exec(ctx, "UPDATE kv SET v = $3 WHERE k = $1 AND v = $2", in.key, in.old, in.value)
	return kvOutput{ok: tag.RowsAffected() == 1}, err
}
