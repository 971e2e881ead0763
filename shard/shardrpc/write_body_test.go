package shardrpc

import (
	"reflect"
	"testing"

	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/shard"
)

func TestWriteBodyRoundTrip(t *testing.T) {
	tests := []struct {
		name  string
		shard uint64
		cmd   *shard.WriteCommand
	}{
		{"empty", 0, &shard.WriteCommand{}},
		{"insert", 1, &shard.WriteCommand{Ops: []shard.Op{{Kind: shard.OpInsert, Key: []byte{1, 2}, Value: []byte("v")}}}},
		{"put expect", 1 << 62, &shard.WriteCommand{Ops: []shard.Op{
			{Kind: shard.OpPut, Key: []byte("k"), Value: []byte{}, Expect: []byte("old")},
			{Kind: shard.OpPut, Key: []byte("k2"), Value: []byte("x")},
		}}},
		{"delete empty expect", 7, &shard.WriteCommand{Ops: []shard.Op{{Kind: shard.OpDelete, Key: []byte("k"), Expect: []byte{}}}}},
		{"delete table", 8, &shard.WriteCommand{Ops: []shard.Op{{Kind: shard.OpDeleteTable, Table: 1<<32 - 1}}}},
		{"request identity", 9, &shard.WriteCommand{Client: 1<<64 - 1, Seq: 12, Ops: []shard.Op{{Kind: shard.OpInsert, Key: []byte("k"), Value: []byte("v")}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			shardID, cmd, err := decodeWrite(encodeWrite(tt.shard, tt.cmd))
			if err != nil {
				t.Fatal(err)
			}
			if len(tt.cmd.Ops) == 0 {
				tt.cmd.Ops = cmd.Ops[:0:0]
			}
			if shardID != tt.shard || !reflect.DeepEqual(cmd, tt.cmd) {
				t.Errorf("round trip = %d %+v, want %d %+v", shardID, cmd, tt.shard, tt.cmd)
			}
		})
	}
}

func TestWriteBodyMalformed(t *testing.T) {
	good := encodeWrite(3, &shard.WriteCommand{Ops: []shard.Op{{Kind: shard.OpInsert, Key: []byte("k"), Value: []byte("v")}}})
	for _, body := range [][]byte{nil, {0x80}, good[:1], good[:len(good)-1], append(good, 0)} {
		if _, _, err := decodeWrite(body); pgerror.CodeOf(err) != pgerror.ProtocolViolation {
			t.Errorf("decodeWrite(%x) = %v, want 08P01", body, err)
		}
	}
}
