package shardrpc

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/quiverdb/quiver/exec/execpb"
	"github.com/quiverdb/quiver/internal/pgerror"
	"github.com/quiverdb/quiver/internal/types"
)

// filler sets every field reachable from a value to a non-zero value, so
// that a round trip that drops or mangles any field of any execpb type
// (today's or a future one) shows.
type filler struct{ n int }

func (f *filler) fill(v reflect.Value, depth int) {
	f.n++
	switch v.Kind() {
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(int64(f.n % 100))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(uint64(f.n % 100))
	case reflect.Float32, reflect.Float64:
		v.SetFloat(float64(f.n) + 0.5)
	case reflect.String:
		v.SetString(fmt.Sprintf("s%d", f.n))
	case reflect.Pointer:
		f.fillPointer(v, depth)
	case reflect.Slice:
		f.fillSlice(v, depth)
	case reflect.Struct:
		for i := range v.NumField() {
			f.fill(v.Field(i), depth)
		}
	default:
		panic(fmt.Sprintf("filler: execpb holds a %s, which may not cross the wire", v.Type()))
	}
}

// fillPointer allocates a pointer's target until depth runs out (execpb
// types are recursive).
func (f *filler) fillPointer(v reflect.Value, depth int) {
	if depth == 0 {
		return
	}
	p := reflect.New(v.Type().Elem())
	f.fill(p.Elem(), depth-1)
	v.Set(p)
}

// fillSlice makes a two-element slice; past depth it leaves slices of
// pointers empty rather than holding nil elements.
func (f *filler) fillSlice(v reflect.Value, depth int) {
	if depth == 0 || (depth == 1 && v.Type().Elem().Kind() == reflect.Pointer) {
		return
	}
	s := reflect.MakeSlice(v.Type(), 2, 2)
	for i := range 2 {
		f.fill(s.Index(i), depth-1)
	}
	v.Set(s)
}

func TestTicketRoundTrip(t *testing.T) {
	full := new(execpb.Node)
	(&filler{}).fill(reflect.ValueOf(full).Elem(), 4)
	tests := []struct {
		name  string
		shard uint64
		frag  *execpb.Node
	}{
		{"every field", 1<<63 + 5, full},
		{"zero node", 0, &execpb.Node{}},
		{"scan with point", 3, &execpb.Node{
			Kind: execpb.NodeScan, Types: []types.T{types.Int4Type, {Family: types.VarcharFamily, Width: 8}},
			Limit: -1, Offset: -1,
			Scan: &execpb.Scan{
				Table: execpb.Table{ID: 12, Key: []int{0}, Columns: []execpb.Column{{ID: 1, Name: "k", Type: types.Int4Type}}},
				Cols:  []int{0},
				Point: []*execpb.Expr{{Kind: execpb.ExprConst, Type: types.Int4Type, Text: "7"}},
				// A zero-valued Expr: the encoding must keep the pointer.
				Filter: &execpb.Expr{},
			},
		}},
		{"aggregate over filter", 9, &execpb.Node{
			Kind: execpb.NodeAggregate,
			Agg: &execpb.Aggregate{Mode: execpb.AggPartial, GroupCols: []int{1},
				Aggs: []execpb.AggFunc{{Func: "sum", Arg: 0, ArgType: types.Int4Type, Type: types.Int8Type}}},
			Input: &execpb.Node{Kind: execpb.NodeFilter, Filter: &execpb.Expr{
				Kind: execpb.ExprOp, Op: ">", Type: types.BoolType,
				Args: []*execpb.Expr{{Kind: execpb.ExprColumn, Col: 1}, {Kind: execpb.ExprConst, Null: true}},
			}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ticket, err := encodeTicket(tt.shard, tt.frag)
			if err != nil {
				t.Fatal(err)
			}
			shard, frag, err := decodeTicket(ticket)
			if err != nil {
				t.Fatal(err)
			}
			if shard != tt.shard || !reflect.DeepEqual(frag, tt.frag) {
				t.Errorf("round trip = %d %+v, want %d %+v", shard, frag, tt.shard, tt.frag)
			}
		})
	}
}

// TestTicketEmptyRow checks a VALUES row without columns (SELECT;): the encoding
// turns the empty row into nil but keeps the row count.
func TestTicketEmptyRow(t *testing.T) {
	ticket, err := encodeTicket(1, &execpb.Node{Kind: execpb.NodeValues, Rows: [][]*execpb.Expr{{}, {}}})
	if err != nil {
		t.Fatal(err)
	}
	_, frag, err := decodeTicket(ticket)
	if err != nil {
		t.Fatal(err)
	}
	if len(frag.Rows) != 2 || len(frag.Rows[0]) != 0 {
		t.Errorf("rows = %v, want two empty rows", frag.Rows)
	}
}

func TestTicketMalformed(t *testing.T) {
	good, err := encodeTicket(5, &execpb.Node{Kind: execpb.NodeLimit, Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		ticket []byte
	}{
		{"empty", nil},
		{"bad version", append([]byte{9}, good[1:]...)},
		{"no shard", []byte{ticketVersion, 0x80}},
		{"no fragment", good[:2]},
		{"truncated fragment", good[:len(good)-3]},
		{"garbage fragment", append(good[:2:2], "not json at all"...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := decodeTicket(tt.ticket)
			if code := pgerror.CodeOf(err); code != pgerror.ProtocolViolation {
				t.Errorf("decodeTicket = %v (%s), want 08P01", err, code)
			}
		})
	}
}

func TestTicketNilFragment(t *testing.T) {
	if _, err := encodeTicket(1, nil); pgerror.CodeOf(err) != pgerror.InternalError {
		t.Errorf("encodeTicket(nil) = %v, want XX000", err)
	}
}

// BenchmarkTicket is one query's ticket round trip (encode on the
// gateway, decode where the shard is).
func BenchmarkTicket(b *testing.B) {
	frag := &execpb.Node{Kind: execpb.NodeScan, Types: []types.T{types.Int8Type, types.TextType}, Scan: &execpb.Scan{
		Table: execpb.Table{ID: 100000, Columns: []execpb.Column{{ID: 1, Name: "k", Type: types.Int8Type}, {ID: 2, Name: "v", Type: types.TextType}}, Key: []int{0}},
		Cols:  []int{0, 1}, Point: []*execpb.Expr{{Kind: execpb.ExprConst, Type: types.Int8Type, Text: "42"}}}}
	b.ReportAllocs()
	for b.Loop() {
		t, err := encodeTicket(2, frag)
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := decodeTicket(t); err != nil {
			b.Fatal(err)
		}
	}
}
