package shardrpc

import (
	"bytes"
	"encoding/binary"
	"encoding/json"

	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
)

// ticketVersion is the first byte of every ticket. Version 2 encodes the
// fragment as JSON: a gob stream repeats and recompiles its type
// descriptions in every ticket (~5x slower per query).
const ticketVersion byte = 2

var errBadTicket = pgerror.New(pgerror.ProtocolViolation, "shardrpc: malformed query ticket")

// encodeTicket returns the DoGet ticket of a query of frag on shard:
//
//	version | uvarint shard | json(frag)
func encodeTicket(shard uint64, frag *execpb.Node) ([]byte, error) {
	if frag == nil {
		return nil, pgerror.AssertionFailedf("shardrpc: query without a fragment")
	}
	buf := bytes.NewBuffer(make([]byte, 0, 256))
	buf.WriteByte(ticketVersion)
	var n [binary.MaxVarintLen64]byte
	buf.Write(n[:binary.PutUvarint(n[:], shard)])
	if err := json.NewEncoder(buf).Encode(frag); err != nil {
		return nil, pgerror.AssertionFailedf("shardrpc: cannot encode fragment: %v", err)
	}
	return buf.Bytes(), nil
}

// decodeTicket is the inverse of encodeTicket.
func decodeTicket(data []byte) (uint64, *execpb.Node, error) {
	if len(data) == 0 || data[0] != ticketVersion {
		return 0, nil, errBadTicket
	}
	shard, k := binary.Uvarint(data[1:])
	if k <= 0 {
		return 0, nil, errBadTicket
	}
	frag := new(execpb.Node)
	if err := json.Unmarshal(data[1+k:], frag); err != nil {
		return 0, nil, pgerror.Wrapf(err, pgerror.ProtocolViolation, "shardrpc: malformed query ticket")
	}
	return shard, frag, nil
}
