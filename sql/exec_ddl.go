package sql

import (
	"context"

	"github.com/quiverdb/quiver/meta"
	"github.com/quiverdb/quiver/shard"
)

// runDDL proposes each catalog change; a dropped table's rows are then
// deleted from every data shard.
func (s *Session) runDDL(ctx context.Context, st *ddlStmt) error {
	for _, cmd := range st.cmds {
		before := s.srv.cfg.Meta.State()
		var dropped *meta.Table
		if d := cmd.DropTable; d != nil {
			dropped = before.Table(d.Database, d.Name)
		}
		if _, err := s.srv.cfg.Meta.Propose(ctx, cmd); err != nil {
			return err
		}
		if dropped != nil {
			if err := s.deleteTableRows(ctx, before, dropped.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *Session) deleteTableRows(ctx context.Context, state *meta.State, table uint32) error {
	for _, id := range state.DataShards() {
		cmd := &shard.WriteCommand{Ops: []shard.Op{{Kind: shard.OpDeleteTable, Table: table}}}
		if err := s.srv.cfg.Shards.Write(ctx, id, cmd); err != nil {
			return err
		}
	}
	return nil
}
