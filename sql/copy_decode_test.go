package sql

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/quiverdb/quiver/internal/pgerror"
)

// chunkSource serves data in chunks of at most size bytes.
type chunkSource struct {
	data string
	size int
}

func (c *chunkSource) ReadCopyData() ([]byte, error) {
	if c.data == "" {
		return nil, io.EOF
	}
	n := min(c.size, len(c.data))
	out := []byte(c.data[:n])
	c.data = c.data[n:]
	return out, nil
}

// decodeAll decodes data in chunks of size and renders each row as
// fields joined by "|", NULL as <null>.
func decodeAll(t *testing.T, o copyOptions, data string, size int) ([]string, error) {
	t.Helper()
	r := newCopyReader(&chunkSource{data: data, size: size})
	var dec copyDecoder
	switch o.format {
	case copyCSV:
		dec = newCSVDecoder(r, &o)
	case copyBinary:
		dec = newBinaryDecoder(r)
	default:
		dec = newTextDecoder(r, &o)
	}
	var out []string
	var row copyRow
	for {
		err := dec.next(&row)
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		parts := make([]string, len(row.fields))
		for i, f := range row.fields {
			parts[i] = string(f)
			if row.null[i] {
				parts[i] = "<null>"
			}
		}
		out = append(out, strings.Join(parts, "|"))
	}
}

func textOptions() copyOptions {
	o := copyOptions{}
	_ = o.finish(true, nil, nil, nil, nil)
	return o
}

func csvOptions() copyOptions {
	o := copyOptions{format: copyCSV}
	_ = o.finish(true, nil, nil, nil, nil)
	return o
}

func TestCopyTextDecode(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"plain", "1\ta\n2\tb\n", []string{"1|a", "2|b"}},
		{"no final newline", "1\ta", []string{"1|a"}},
		{"crlf", "1\ta\r\n2\tb\r\n", []string{"1|a", "2|b"}},
		{"null", "1\t\\N\n", []string{"1|<null>"}},
		{"escaped N is not null", "1\t\\\\N\n", []string{`1|\N`}},
		{"escapes", `a\tb\nc\\d\re` + "\n", []string{"a\tb\nc\\d\re"}},
		{"escaped delimiter", "a\\\tb\tc\n", []string{"a\tb|c"}},
		{"octal and hex", `\101\x42\7` + "\n", []string{"AB\a"}},
		{"other escapes", `\b\f\v\q` + "\n", []string{"\b\f\vq"}},
		{"empty fields", "\t\n", []string{"|"}},
		{"end marker", "1\ta\n\\.\nignored\n", []string{"1|a"}},
		{"end marker crlf", "1\ta\r\n\\.\r\n", []string{"1|a"}},
		{"empty line", "\n", []string{""}},
	}
	for _, tc := range tests {
		for _, size := range []int{1, 3, 1 << 10} {
			got, err := decodeAll(t, textOptions(), tc.in, size)
			if err != nil {
				t.Fatalf("%s/%d: %v", tc.name, size, err)
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("%s/%d: got %q, want %q", tc.name, size, got, tc.want)
			}
		}
	}
}

func TestCopyCSVDecode(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"plain", "1,a\n2,b\n", []string{"1|a", "2|b"}},
		{"quoted delimiter", `1,"a,b"` + "\n", []string{"1|a,b"}},
		{"doubled quote", `"a""b",c` + "\n", []string{`a"b|c`}},
		{"quoted newline", "\"a\nb\",c\n2,d\n", []string{"a\nb|c", "2|d"}},
		{"unquoted empty is null", "1,,\"\"\n", []string{"1|<null>|"}},
		{"mixed quoting", `ab"c,d"e` + "\n", []string{"abc,de"}},
		{"crlf", "1,a\r\n2,b\r\n", []string{"1|a", "2|b"}},
		{"no final newline", "1,\"a\"", []string{"1|a"}},
		{"end marker", "1,a\n\\.\n2,b\n", []string{"1|a"}},
		{"backslash is data", `a\b,\N` + "\n", []string{`a\b|\N`}},
	}
	for _, tc := range tests {
		for _, size := range []int{1, 2, 5, 1 << 10} {
			got, err := decodeAll(t, csvOptions(), tc.in, size)
			if err != nil {
				t.Fatalf("%s/%d: %v", tc.name, size, err)
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("%s/%d: got %q, want %q", tc.name, size, got, tc.want)
			}
		}
	}
}

func TestCopyCSVEscapeOption(t *testing.T) {
	o := copyOptions{format: copyCSV}
	esc := `\`
	if err := o.finish(true, nil, nil, nil, &esc); err != nil {
		t.Fatal(err)
	}
	got, err := decodeAll(t, o, `"a\"b\\c",d`+"\n", 4)
	if err != nil || len(got) != 1 || got[0] != `a"b\c|d` {
		t.Fatalf("got %q, %v", got, err)
	}
}

func TestCopyCSVUnterminated(t *testing.T) {
	_, err := decodeAll(t, csvOptions(), "1,\"abc\n", 3)
	if pgerror.CodeOf(err) != pgerror.BadCopyFileFormat || err.Error() != "unterminated CSV quoted field" {
		t.Fatalf("got %v", err)
	}
}

// binaryCopy builds binary COPY data of rows of int4/text fields given as
// raw field bytes (nil: NULL).
func binaryCopy(rows [][][]byte, trailer bool) string {
	b := appendBinaryHeader(nil)
	for _, r := range rows {
		b = append(b, byte(len(r)>>8), byte(len(r)))
		for _, f := range r {
			if f == nil {
				b = append(b, 0xff, 0xff, 0xff, 0xff)
				continue
			}
			n := len(f)
			b = append(b, byte(n>>24), byte(n>>16), byte(n>>8), byte(n))
			b = append(b, f...)
		}
	}
	if trailer {
		b = append(b, 0xff, 0xff)
	}
	return string(b)
}

func TestCopyBinaryDecode(t *testing.T) {
	data := binaryCopy([][][]byte{{{0, 0, 0, 1}, []byte("ab")}, {{0, 0, 0, 2}, nil}}, true)
	for _, size := range []int{1, 7, 1 << 10} {
		got, err := decodeAll(t, copyOptions{format: copyBinary}, data, size)
		want := "\x00\x00\x00\x01|ab\n\x00\x00\x00\x02|<null>"
		if err != nil || strings.Join(got, "\n") != want {
			t.Fatalf("%d: got %q, %v", size, got, err)
		}
	}
}

func TestCopyBinaryErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"bad signature", "PGCOPY\nxx\r\n\x00" + strings.Repeat("\x00", 8), "COPY file signature not recognized"},
		{"short header", binarySignature + "\x00\x00", "invalid COPY file header (missing flags)"},
		{"oids", binarySignature + "\x00\x01\x00\x00\x00\x00\x00\x00", "invalid COPY file header (WITH OIDS)"},
		{"truncated tuple", binaryCopy(nil, false) + "\x00\x01\x00\x00\x00\x04ab", "unexpected EOF in COPY data"},
	}
	for _, tc := range tests {
		_, err := decodeAll(t, copyOptions{format: copyBinary}, tc.in, 5)
		if pgerror.CodeOf(err) != pgerror.BadCopyFileFormat || err.Error() != tc.want {
			t.Errorf("%s: got %v, want %s", tc.name, err, tc.want)
		}
	}
}

func TestCopyFailPropagates(t *testing.T) {
	fail := pgerror.New(pgerror.QueryCanceled, "COPY from stdin failed: stop")
	r := newCopyReader(errSource{fail})
	var row copyRow
	if err := newTextDecoder(r, &copyOptions{delim: '\t'}).next(&row); !errors.Is(err, fail) {
		t.Fatalf("got %v", err)
	}
}

type errSource struct{ err error }

func (e errSource) ReadCopyData() ([]byte, error) { return nil, e.err }

func TestCopyEncodeFields(t *testing.T) {
	csv := csvOptions()
	tests := []struct {
		name, got, want string
	}{
		{"text escapes", string(appendTextField(nil, []byte("a\tb\nc\\d\re\b\f\v"), '\t')), `a\tb\nc\\d\re\b\f\v`},
		{"text delimiter", string(appendTextField(nil, []byte("a,b"), ',')), `a\,b`},
		{"csv plain", string(appendCSVField(nil, []byte("ab"), &csv, false, false)), "ab"},
		{"csv delimiter", string(appendCSVField(nil, []byte("a,b"), &csv, false, false)), `"a,b"`},
		{"csv quote", string(appendCSVField(nil, []byte(`a"b`), &csv, false, false)), `"a""b"`},
		{"csv empty", string(appendCSVField(nil, []byte(""), &csv, false, false)), `""`},
		{"csv newline", string(appendCSVField(nil, []byte("a\nb"), &csv, false, false)), "\"a\nb\""},
		{"csv forced", string(appendCSVField(nil, []byte("ab"), &csv, true, false)), `"ab"`},
		{"csv end marker", string(appendCSVField(nil, []byte(`\.`), &csv, false, true)), `"\."`},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, tc.got, tc.want)
		}
	}
}
