package sql

import (
	"context"

	"github.com/quiverdb/quiver/meta"
	"github.com/quiverdb/quiver/shard"
)

// runDDL proposes each catalog change; the rows of a dropped table (or of
// every table of a dropped database) are then deleted from every data
// shard.
func (s *Session) runDDL(ctx context.Context, st *ddlStmt) error {
	for _, cmd := range st.cmds {
		before := s.srv.cfg.Meta.State()
		dropped := droppedTables(before, cmd)
		if _, err := s.srv.cfg.Meta.Propose(ctx, cmd); err != nil {
			return err
		}
		if err := s.deleteTablesRows(ctx, before, dropped); err != nil {
			return err
		}
	}
	return nil
}

// droppedTables returns the ids of the tables whose rows cmd orphans.
func droppedTables(st *meta.State, cmd *meta.Command) []uint32 {
	var ids []uint32
	switch {
	case cmd.DropTable != nil:
		if t := st.Table(cmd.DropTable.Database, cmd.DropTable.Name); t != nil {
			ids = append(ids, t.ID)
		}
	case cmd.DropDatabase != nil:
		db := st.DatabaseByName(cmd.DropDatabase.Name)
		if db == nil {
			return nil
		}
		for _, t := range st.Tables {
			if t.Database == db.ID {
				ids = append(ids, t.ID)
			}
		}
	}
	return ids
}

// deleteTablesRows sends one OpDeleteTable per table to every data shard.
func (s *Session) deleteTablesRows(ctx context.Context, state *meta.State, tables []uint32) error {
	if len(tables) == 0 {
		return nil
	}
	ops := make([]shard.Op, len(tables))
	for i, id := range tables {
		ops[i] = shard.Op{Kind: shard.OpDeleteTable, Table: id}
	}
	for _, id := range state.DataShards() {
		if err := s.srv.cfg.Shards.Write(ctx, id, &shard.WriteCommand{Ops: ops}); err != nil {
			return err
		}
	}
	return nil
}
