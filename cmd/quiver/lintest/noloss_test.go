package lintest

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/quiverdb/quiver/cmd/quiver/internal/quivertest"
)

const noLossClients = 6

// inserts is what the no-loss workers learnt about their INSERTs.
type inserts struct {
	mu      sync.Mutex
	acked   map[int64]bool
	unknown map[int64]bool
	// duplicates are fresh keys whose INSERT answered 23505: the insert
	// was applied twice (a retry that was not idempotent).
	duplicates []int64
	failed     int
}

// TestNoLoss inserts unique keys through every node while the nemesis
// kills and restarts nodes; at the end every acknowledged key is
// present, no key is present twice, and every present key was inserted
// (acknowledged or with an unknown outcome).
func TestNoLoss(t *testing.T) {
	began := time.Now()
	c := startCluster(t, 3)
	c.setup([]string{"CREATE TABLE nl (k BIGINT PRIMARY KEY, v TEXT)"}, "SELECT count(*) FROM nl")

	ins := &inserts{acked: map[int64]bool{}, unknown: map[int64]bool{}}
	n := &nemesis{c: c, up: 3 * time.Second, down: 2 * time.Second, faults: 3}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	workCtx, stopWork := context.WithCancel(ctx)
	var wg sync.WaitGroup
	for i := 0; i < noLossClients; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			insertWorker(workCtx, &client{c: c, home: i % len(c.procs)}, ins, int64(i))
		}(i)
	}
	n.run(ctx)
	sleepCtx(ctx, time.Second)
	stopWork()
	wg.Wait()

	faults, startErr := n.result()
	if startErr != nil {
		c.dumpLogs()
		t.Fatalf("nemesis: %v", startErr)
	}
	present := readKeys(t, c)
	t.Logf("%d acknowledged, %d unknown, %d failed inserts; %d rows; %d faults; %s",
		len(ins.acked), len(ins.unknown), ins.failed, len(present), faults, time.Since(began).Round(time.Millisecond))
	if faults < minFaults || len(ins.acked) < minOps {
		t.Fatalf("run too small: %d acknowledged inserts (want ≥ %d), %d faults (want ≥ %d)",
			len(ins.acked), minOps, faults, minFaults)
	}
	if err := checkNoLoss(ins, present); err != nil {
		t.Fatal(err)
	}
}

// insertWorker inserts keys worker*1e9+1, +2, ... until ctx ends.
func insertWorker(ctx context.Context, cl *client, ins *inserts, worker int64) {
	defer cl.close()
	for seq := int64(1); ctx.Err() == nil; seq++ {
		conn, err := cl.connection(ctx)
		if err != nil {
			return
		}
		k := worker*1_000_000_000 + seq
		err = insertOne(conn, k)
		ins.add(k, err)
		if err != nil {
			cl.fail(err)
		}
	}
}

func insertOne(conn *pgx.Conn, k int64) error {
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	_, err := conn.Exec(ctx, "INSERT INTO nl VALUES ($1, $2)", k, fmt.Sprintf("v%d", k))
	return err
}

func (ins *inserts) add(k int64, err error) {
	ins.mu.Lock()
	defer ins.mu.Unlock()
	var pe *pgconn.PgError
	switch o := classify(err); {
	case o == outcomeOK:
		ins.acked[k] = true
	case errors.As(err, &pe) && pe.Code == "23505":
		ins.duplicates = append(ins.duplicates, k)
	case o == outcomeUnknown:
		ins.unknown[k] = true
	default:
		ins.failed++
	}
}

// readKeys returns count(*) of nl per key, read through each node in
// turn until one answers.
func readKeys(t *testing.T, c *cluster) map[int64]int {
	deadline := time.Now().Add(30 * time.Second)
	for {
		for _, p := range c.procs {
			keys, err := readKeysFrom(p)
			if err == nil {
				return keys
			}
			if time.Now().After(deadline) {
				t.Fatalf("reading nl: %v", err)
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func readKeysFrom(p *quivertest.Process) (map[int64]int, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, p.Conninfo())
	if err != nil {
		return nil, err
	}
	defer conn.Close(context.Background())
	var total int64
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM nl").Scan(&total); err != nil {
		return nil, err
	}
	rows, err := conn.Query(ctx, "SELECT k FROM nl")
	if err != nil {
		return nil, err
	}
	keys := map[int64]int{}
	n := int64(0)
	for rows.Next() {
		var k int64
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		keys[k]++
		n++
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if n != total {
		return nil, fmt.Errorf("count(*) = %d but the scan returned %d rows", total, n)
	}
	return keys, nil
}

// checkNoLoss compares what the workers learnt with the keys present.
func checkNoLoss(ins *inserts, present map[int64]int) error {
	var errs []error
	if len(ins.duplicates) > 0 {
		errs = append(errs, fmt.Errorf("%d fresh keys answered 23505 (applied twice), e.g. %d", len(ins.duplicates), ins.duplicates[0]))
	}
	var lost, twice, stray []int64
	for k := range ins.acked {
		if present[k] == 0 {
			lost = append(lost, k)
		}
	}
	for k, n := range present {
		if n > 1 {
			twice = append(twice, k)
		}
		if !ins.acked[k] && !ins.unknown[k] {
			stray = append(stray, k)
		}
	}
	for name, ks := range map[string][]int64{"acknowledged but lost": lost, "present more than once": twice, "present but never acknowledged nor unknown": stray} {
		if len(ks) > 0 {
			sort.Slice(ks, func(i, j int) bool { return ks[i] < ks[j] })
			errs = append(errs, fmt.Errorf("%d keys %s, e.g. %v", len(ks), name, ks[:min(5, len(ks))]))
		}
	}
	return errors.Join(errs...)
}
