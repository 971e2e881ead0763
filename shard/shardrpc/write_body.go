package shardrpc

import (
	"encoding/binary"

	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/shard"
)

// ActionWrite is the Flight action type of shard.Service.Write.
const ActionWrite = "quiver.shard.write"

var errBadWrite = pgerror.New(pgerror.ProtocolViolation, "shardrpc: malformed write action")

// encodeWrite returns the body of a write action:
//
//	uvarint shard | shard.EncodeCommand(cmd)
func encodeWrite(shardID uint64, cmd *shard.WriteCommand) []byte {
	buf := make([]byte, 0, binary.MaxVarintLen64+writeSizeHint(cmd))
	buf = binary.AppendUvarint(buf, shardID)
	return shard.EncodeCommand(buf, cmd)
}

// writeSizeHint estimates the encoded size of cmd, to allocate once.
func writeSizeHint(cmd *shard.WriteCommand) int {
	n := 8
	for i := range cmd.Ops {
		op := &cmd.Ops[i]
		n += 12 + len(op.Key) + len(op.Value) + len(op.Expect)
	}
	return n
}

// decodeWrite is the inverse of encodeWrite. The ops' byte slices alias
// body.
func decodeWrite(body []byte) (uint64, *shard.WriteCommand, error) {
	shardID, k := binary.Uvarint(body)
	if k <= 0 {
		return 0, nil, errBadWrite
	}
	cmd := new(shard.WriteCommand)
	if err := shard.DecodeCommand(body[k:], cmd); err != nil {
		return 0, nil, err
	}
	return shardID, cmd, nil
}
