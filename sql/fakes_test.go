package sql

import (
	"context"
	"sort"
	"strings"
	"sync"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/quiverdb/quiver/exec"
	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
	"github.com/quiverdb/quiver/meta"
	"github.com/quiverdb/quiver/shard"
	"github.com/quiverdb/quiver/storage"
)

// fakeMeta is an in-memory meta.Service with nShards data shards.
type fakeMeta struct {
	mu    sync.Mutex
	state *meta.State
}

func newFakeMeta(nShards int) *fakeMeta {
	st := &meta.State{Version: 1, Databases: []meta.Database{{ID: 1, Name: "postgres"}}}
	for i := range st.Slots {
		st.Slots[i] = uint64(i%nShards) + 10
	}
	return &fakeMeta{state: st}
}

func (m *fakeMeta) State() *meta.State {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.state
}

func (m *fakeMeta) Propose(ctx context.Context, cmd *meta.Command) (*meta.State, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	next := *m.state
	next.Tables = append([]*meta.Table(nil), m.state.Tables...)
	next.Databases = append([]meta.Database(nil), m.state.Databases...)
	next.Version++
	switch {
	case cmd.CreateTable != nil:
		t := cmd.CreateTable.Table
		if next.Table(t.Database, t.Name) != nil {
			if cmd.CreateTable.IfNotExists {
				return m.state, nil
			}
			return nil, pgerror.Newf(pgerror.DuplicateTable, "relation \"%s\" already exists", t.Name)
		}
		t.ID = uint32(100 + len(next.Tables))
		next.Tables = append(next.Tables, &t)
	case cmd.DropTable != nil:
		d := cmd.DropTable
		found := false
		for i, t := range next.Tables {
			if t.Database == d.Database && t.Name == d.Name {
				next.Tables = append(next.Tables[:i:i], next.Tables[i+1:]...)
				found = true
				break
			}
		}
		if !found && !d.IfExists {
			return nil, pgerror.Newf(pgerror.UndefinedTable, "table \"%s\" does not exist", d.Name)
		}
	case cmd.CreateDatabase != nil:
		if next.DatabaseByName(cmd.CreateDatabase.Name) != nil {
			return nil, pgerror.Newf(pgerror.DuplicateDatabase, "database \"%s\" already exists", cmd.CreateDatabase.Name)
		}
		next.Databases = append(next.Databases, meta.Database{ID: uint32(len(next.Databases) + 1), Name: cmd.CreateDatabase.Name})
	case cmd.DropDatabase != nil:
		db := next.DatabaseByName(cmd.DropDatabase.Name)
		if db == nil {
			return nil, pgerror.Newf(pgerror.InvalidCatalogName, "database \"%s\" does not exist", cmd.DropDatabase.Name)
		}
		id := db.ID
		var tables []*meta.Table
		for _, t := range next.Tables {
			if t.Database != id {
				tables = append(tables, t)
			}
		}
		next.Tables = tables
		var dbs []meta.Database
		for _, d := range next.Databases {
			if d.ID != id {
				dbs = append(dbs, d)
			}
		}
		next.Databases = dbs
	}
	m.state = &next
	return m.state, nil
}

// fakeShards is an in-memory shard.Service: each shard is a map of
// table keys to values; Query runs the fragment with exec over it.
type fakeShards struct {
	mu   sync.Mutex
	data map[uint64]map[string][]byte
}

func newFakeShards() *fakeShards { return &fakeShards{data: map[uint64]map[string][]byte{}} }

func (f *fakeShards) Write(ctx context.Context, id uint64, cmd *shard.WriteCommand) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	kv := f.data[id]
	if kv == nil {
		kv = map[string][]byte{}
		f.data[id] = kv
	}
	for i, op := range cmd.Ops {
		old, ok := kv[string(op.Key)]
		switch {
		case op.Kind == shard.OpInsert && ok:
			return &shard.DuplicateKeyError{Op: i}
		case (op.Kind == shard.OpPut || op.Kind == shard.OpDelete) && op.Expect != nil && (!ok || string(old) != string(op.Expect)):
			return &shard.ConflictError{Op: i}
		}
	}
	for _, op := range cmd.Ops {
		switch op.Kind {
		case shard.OpInsert, shard.OpPut:
			kv[string(op.Key)] = op.Value
		case shard.OpDelete:
			delete(kv, string(op.Key))
		case shard.OpDeleteTable:
			prefix, _ := storage.EncodeKey(nil, op.Table, storage.PrimaryIndexID, nil, nil)
			for k := range kv {
				if strings.HasPrefix(k, string(prefix)) {
					delete(kv, k)
				}
			}
		}
	}
	return nil
}

// rowCount returns the number of keys held by every shard.
func (f *fakeShards) rowCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, kv := range f.data {
		n += len(kv)
	}
	return n
}

func (f *fakeShards) Query(ctx context.Context, id uint64, frag *execpb.Node) (exec.Operator, error) {
	env := &exec.Env{Alloc: memory.DefaultAllocator, Scan: func(ctx context.Context, spec *execpb.Scan) (exec.Operator, error) {
		return f.scan(id, spec)
	}}
	return exec.Build(ctx, frag, env)
}

// scan decodes the rows of spec's table held by shard id.
func (f *fakeShards) scan(id uint64, spec *execpb.Scan) (exec.Operator, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	t := spec.Table
	keyTypes := make([]types.T, len(t.Key))
	isKey := map[int]bool{}
	for i, k := range t.Key {
		keyTypes[i] = t.Columns[k].Type
		isKey[k] = true
	}
	var ids []uint32
	var valTypes []types.T
	var valPos []int
	for i, c := range t.Columns {
		if !isKey[i] {
			ids, valTypes, valPos = append(ids, c.ID), append(valTypes, c.Type), append(valPos, i)
		}
	}
	var keys []string
	for k := range f.data[id] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	outTypes := make([]types.T, len(spec.Cols))
	for i, c := range spec.Cols {
		outTypes[i] = t.Columns[c].Type
	}
	var rows [][]types.Datum
	for _, k := range keys {
		full, ok, err := decodeRow(t, []byte(k), f.data[id][k], keyTypes, ids, valTypes, valPos)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		row := make([]types.Datum, len(spec.Cols))
		for i, c := range spec.Cols {
			row[i] = full[c]
		}
		rows = append(rows, row)
	}
	rec := exec.RecordFromRows(memory.DefaultAllocator, outTypes, rows)
	return exec.NewRecordSource(exec.Schema(outTypes, nil), []arrow.Record{rec}), nil
}

func decodeRow(t execpb.Table, key, value []byte, keyTypes []types.T, ids []uint32, valTypes []types.T, valPos []int) ([]types.Datum, bool, error) {
	prefix, err := storage.EncodeKey(nil, t.ID, storage.PrimaryIndexID, nil, nil)
	if err != nil {
		return nil, false, err
	}
	if len(key) < len(prefix) || string(key[:len(prefix)]) != string(prefix) {
		return nil, false, nil
	}
	kv := make([]types.Datum, len(keyTypes))
	if err := storage.DecodeKey(key, keyTypes, kv); err != nil {
		return nil, false, err
	}
	vv := make([]types.Datum, len(ids))
	if err := storage.DecodeValue(value, ids, valTypes, vv); err != nil {
		return nil, false, err
	}
	full := make([]types.Datum, len(t.Columns))
	for i, k := range t.Key {
		full[k] = kv[i]
	}
	for i, p := range valPos {
		full[p] = vv[i]
	}
	return full, true, nil
}

func flattenPos(err error) int32 {
	if err == nil {
		return -1
	}
	return pgerror.Flatten(err).Position
}
