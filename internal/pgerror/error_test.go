package pgerror

import (
	"errors"
	"fmt"
	"io"
	"testing"
)

func TestCodeOf(t *testing.T) {
	base := New(UniqueViolation, "duplicate key")
	tests := []struct {
		name string
		err  error
		want Code
	}{
		{"plain", base, UniqueViolation},
		{"fmt wrap", fmt.Errorf("ctx: %w", base), UniqueViolation},
		{"wrapf keeps", Wrapf(base, "", "insert"), UniqueViolation},
		{"wrapf overrides", Wrapf(base, DataException, "insert"), DataException},
		{"no code", io.EOF, InternalError},
		{"assertion", AssertionFailedf("bad %d", 1), InternalError},
		{"hint keeps code", WithHint(base, "h"), UniqueViolation},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := CodeOf(tc.err); got != tc.want {
				t.Fatalf("CodeOf = %s, want %s", got, tc.want)
			}
		})
	}
}

func TestFlatten(t *testing.T) {
	e := Flatten(WithDetail(WithHint(New(SyntaxError, "oops"), "try"), "d"))
	if e.Hint != "try" || e.Detail != "d" || e.Code != SyntaxError || e.Message != "oops" {
		t.Fatalf("unexpected %+v", e)
	}
	w := Wrapf(e, "", "stmt")
	if got := Flatten(w); got.Message != "stmt: oops" || got.Hint != "try" {
		t.Fatalf("unexpected %+v", got)
	}
	if !errors.Is(w, e) {
		t.Fatal("Wrapf must keep the cause")
	}
}

func TestFromPanic(t *testing.T) {
	err := func() (err error) {
		defer func() { err = FromPanic(recover()) }()
		var m map[string]int
		m["x"] = 1 // panics: assignment to entry in nil map
		return nil
	}()
	e := Flatten(err)
	if e.Code != InternalError || e.Stack() == nil {
		t.Fatalf("FromPanic = %+v", e)
	}
}

func TestWithWhere(t *testing.T) {
	err := WithWhere(WithDetail(New(BadCopyFileFormat, "extra data"), "d"), "COPY t, line 2")
	e := Flatten(err)
	if e.Code != BadCopyFileFormat || e.Where != "COPY t, line 2" || e.Detail != "d" || e.Message != "extra data" {
		t.Fatalf("got %+v", e)
	}
	if Flatten(New(InternalError, "x")).Where != "" {
		t.Fatal("a new error has no context")
	}
}
