package shard

import (
	"reflect"
	"testing"
)

func TestCommandRoundTrip(t *testing.T) {
	tests := []WriteCommand{
		{},
		{Ops: []Op{{Kind: OpInsert, Key: []byte("k"), Value: []byte("v")}}},
		{Ops: []Op{
			{Kind: OpPut, Key: []byte("a"), Value: []byte{}, Expect: []byte("old")},
			{Kind: OpPut, Key: []byte("b"), Value: []byte("x")},
			{Kind: OpDelete, Key: []byte("c"), Expect: []byte{}},
			{Kind: OpDelete, Key: []byte("d")},
			{Kind: OpDeleteTable, Table: 1<<32 - 1},
		}},
		{Client: 1, Seq: 0, Ops: []Op{{Kind: OpInsert, Key: []byte("k"), Value: []byte("v")}}},
		{Client: 1<<64 - 1, Seq: 1<<64 - 1, Ops: []Op{{Kind: OpDelete, Key: []byte("d")}}},
	}
	for _, cmd := range tests {
		data := EncodeCommand(nil, &cmd)
		var got WriteCommand
		if err := DecodeCommand(data, &got); err != nil {
			t.Fatalf("%+v: %v", cmd, err)
		}
		if got.Client != cmd.Client || got.Seq != cmd.Seq {
			t.Errorf("got request id %d/%d, want %d/%d", got.Client, got.Seq, cmd.Client, cmd.Seq)
		}
		if len(cmd.Ops) == 0 && len(got.Ops) == 0 {
			continue
		}
		if !reflect.DeepEqual(normalize(got), normalize(cmd)) {
			t.Errorf("got %+v, want %+v", got, cmd)
		}
	}
}

// normalize maps empty non-nil slices of fields a kind carries to empty
// slices, so that DeepEqual compares presence, not backing arrays.
func normalize(cmd WriteCommand) WriteCommand {
	out := WriteCommand{Ops: make([]Op, len(cmd.Ops))}
	for i, op := range cmd.Ops {
		out.Ops[i] = Op{Kind: op.Kind, Key: op.Key, Value: op.Value, Expect: op.Expect, Table: op.Table}
		if op.Kind != OpDeleteTable && op.Key == nil {
			out.Ops[i].Key = []byte{}
		}
		if (op.Kind == OpInsert || op.Kind == OpPut) && op.Value == nil {
			out.Ops[i].Value = []byte{}
		}
	}
	return out
}

func TestCommandDecodeErrors(t *testing.T) {
	good := EncodeCommand(nil, &WriteCommand{Ops: []Op{{Kind: OpPut, Key: []byte("key"), Value: []byte("value"), Expect: []byte("e")}}})
	withID := EncodeCommand(nil, &WriteCommand{Client: 300, Seq: 7, Ops: []Op{{Kind: OpDelete, Key: []byte("key")}}})
	for _, full := range [][]byte{good, withID} {
		for cut := 0; cut < len(full); cut++ {
			var cmd WriteCommand
			if err := DecodeCommand(full[:cut], &cmd); err == nil {
				t.Errorf("truncated command %x decoded", full[:cut])
			}
		}
	}
	bad := [][]byte{
		{9, 0},                 // unknown version
		{2, 0, 1, 0},           // version 2 with client id 0
		{commandVersion, 1, 7}, // unknown op kind
		{commandVersion, 0, 0}, // trailing bytes
		{commandVersion, 0xff, 0xff, 0xff, 0xff, 0x0f}, // huge op count
	}
	for _, b := range bad {
		var cmd WriteCommand
		if err := DecodeCommand(b, &cmd); err == nil {
			t.Errorf("%x decoded", b)
		}
	}
}

func TestCommandDecodeReusesOps(t *testing.T) {
	cmd := WriteCommand{Ops: make([]Op, 0, 4)}
	data := EncodeCommand(nil, &WriteCommand{Ops: []Op{{Kind: OpDelete, Key: []byte("k")}}})
	if n := testing.AllocsPerRun(100, func() { _ = DecodeCommand(data, &cmd) }); n != 0 {
		t.Fatalf("DecodeCommand allocates %v times", n)
	}
}
