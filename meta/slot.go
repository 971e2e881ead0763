package meta

import "hash/fnv"

// SlotOf returns the slot of a row from its storage table key (the
// encoded table id, index id and key columns, without a shard prefix).
// The hash is fixed forever: changing it would misplace stored rows.
func SlotOf(tableKey []byte) uint32 {
	h := fnv.New64a()
	h.Write(tableKey)
	return uint32(h.Sum64() % SlotCount)
}

// ShardOf returns the data shard that owns the row with tableKey.
func (s *State) ShardOf(tableKey []byte) uint64 {
	return s.Slots[SlotOf(tableKey)]
}

// DataShards returns the ids of every data shard that owns a slot, in
// ascending order.
func (s *State) DataShards() []uint64 {
	seen := map[uint64]bool{}
	var ids []uint64
	for _, id := range s.Slots {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	sortIDs(ids)
	return ids
}

func sortIDs(ids []uint64) {
	for i := 1; i < len(ids); i++ {
		for j := i; j > 0 && ids[j] < ids[j-1]; j-- {
			ids[j], ids[j-1] = ids[j-1], ids[j]
		}
	}
}

// Table returns the table named name in database db, or nil.
func (s *State) Table(db uint32, name string) *Table {
	for _, t := range s.Tables {
		if t.Database == db && t.Name == name {
			return t
		}
	}
	return nil
}

// TableByID returns the table with id, or nil.
func (s *State) TableByID(id uint32) *Table {
	for _, t := range s.Tables {
		if t.ID == id {
			return t
		}
	}
	return nil
}

// DatabaseByName returns the database named name, or nil.
func (s *State) DatabaseByName(name string) *Database {
	for i := range s.Databases {
		if s.Databases[i].Name == name {
			return &s.Databases[i]
		}
	}
	return nil
}
