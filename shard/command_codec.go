package shard

import (
	"encoding/binary"

	"github.com/quiverdb/quiver/internal/pgerror"
)

// Command versions: the first byte of every encoded WriteCommand. A
// command without a request identity keeps version 1, so logs written
// before request identities existed still decode.
const (
	commandVersion    byte = 1
	commandVersionIDs byte = 2
)

var errBadCommand = pgerror.New(pgerror.ProtocolViolation, "shard: malformed write command")

// EncodeCommand appends cmd's binary encoding:
//
//	1 | uvarint len(ops) | op...                          (Client == 0)
//	2 | uvarint client | uvarint seq | uvarint len(ops) | op...
//	op = kind | table (OpDeleteTable: uvarint) | key | value | expect
//
// where key and value are uvarint-length-prefixed bytes and expect is 0
// (absent) or 1 followed by length-prefixed bytes. Only the fields a kind
// uses are present.
func EncodeCommand(buf []byte, cmd *WriteCommand) []byte {
	if cmd.Client == 0 {
		buf = append(buf, commandVersion)
	} else {
		buf = append(buf, commandVersionIDs)
		buf = binary.AppendUvarint(buf, cmd.Client)
		buf = binary.AppendUvarint(buf, cmd.Seq)
	}
	buf = binary.AppendUvarint(buf, uint64(len(cmd.Ops)))
	for i := range cmd.Ops {
		buf = appendOp(buf, &cmd.Ops[i])
	}
	return buf
}

func appendOp(buf []byte, op *Op) []byte {
	buf = append(buf, byte(op.Kind))
	if op.Kind == OpDeleteTable {
		return binary.AppendUvarint(buf, uint64(op.Table))
	}
	buf = appendBytes(buf, op.Key)
	if op.Kind != OpDelete {
		buf = appendBytes(buf, op.Value)
	}
	if op.Kind == OpInsert {
		return buf
	}
	if op.Expect == nil {
		return append(buf, 0)
	}
	return appendBytes(append(buf, 1), op.Expect)
}

func appendBytes(buf, b []byte) []byte {
	return append(binary.AppendUvarint(buf, uint64(len(b))), b...)
}

// DecodeCommand decodes data into cmd, reusing cmd.Ops' storage. The ops'
// byte slices alias data.
func DecodeCommand(data []byte, cmd *WriteCommand) error {
	if len(data) == 0 || (data[0] != commandVersion && data[0] != commandVersionIDs) {
		return errBadCommand
	}
	d := decoder{b: data[1:]}
	cmd.Client, cmd.Seq = 0, 0
	if data[0] == commandVersionIDs {
		cmd.Client, cmd.Seq = d.uvarint(), d.uvarint()
		if cmd.Client == 0 {
			d.err = true
		}
	}
	n := d.uvarint()
	if d.err || n > uint64(len(data)) {
		return errBadCommand
	}
	ops := cmd.Ops[:0]
	for range n {
		ops = append(ops, d.op())
	}
	cmd.Ops = ops
	if d.err || len(d.b) != 0 {
		return errBadCommand
	}
	return nil
}

// decoder reads command fields; after an error every read returns zero.
type decoder struct {
	b   []byte
	err bool
}

func (d *decoder) op() Op {
	op := Op{Kind: OpKind(d.byte())}
	switch op.Kind {
	case OpDeleteTable:
		t := d.uvarint()
		if t > 1<<32-1 {
			d.err = true
		}
		op.Table = uint32(t)
		return op
	case OpInsert, OpPut, OpDelete:
	default:
		d.err = true
		return op
	}
	op.Key = d.bytes()
	if op.Kind != OpDelete {
		op.Value = d.bytes()
	}
	if op.Kind != OpInsert && d.byte() == 1 {
		op.Expect = d.bytes()
	}
	return op
}

func (d *decoder) byte() byte {
	if d.err || len(d.b) == 0 {
		d.err = true
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) uvarint() uint64 {
	if d.err {
		return 0
	}
	v, k := binary.Uvarint(d.b)
	if k <= 0 {
		d.err = true
		return 0
	}
	d.b = d.b[k:]
	return v
}

func (d *decoder) bytes() []byte {
	l := d.uvarint()
	if d.err || l > uint64(len(d.b)) {
		d.err = true
		return nil
	}
	v := d.b[:l:l]
	d.b = d.b[l:]
	return v
}
