package pgerror

import (
	"errors"
	"fmt"
	"runtime/debug"
)

// Error is an error with a SQLSTATE and PostgreSQL's optional fields.
type Error struct {
	Code     Code
	Message  string
	Detail   string
	Hint     string
	Position int32 // 1-based character position in the statement, 0 if none
	// Where is PostgreSQL's CONTEXT: where the error happened (e.g. "COPY
	// t, line 3, column k: \"x\""), sent as the 'W' field.
	Where string
	cause error
	stack []byte
}

// Error implements error.
func (e *Error) Error() string { return e.Message }

// Unwrap returns the wrapped cause, if any.
func (e *Error) Unwrap() error { return e.cause }

// Stack returns the stack captured by AssertionFailedf, or nil.
func (e *Error) Stack() []byte { return e.stack }

// New returns an error with the given code and message.
func New(code Code, msg string) error {
	return &Error{Code: code, Message: msg}
}

// Newf returns an error with the given code and a formatted message.
func Newf(code Code, format string, args ...any) error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Wrapf wraps err with a message prefix and a code. The message becomes
// "prefix: err". An empty code keeps the code of err.
func Wrapf(err error, code Code, format string, args ...any) error {
	if err == nil {
		return nil
	}
	msg := fmt.Sprintf(format, args...)
	if msg != "" {
		msg += ": " + err.Error()
	} else {
		msg = err.Error()
	}
	if code == "" {
		code = CodeOf(err)
	}
	return &Error{Code: code, Message: msg, cause: err, Detail: detailOf(err), Hint: hintOf(err)}
}

// WithCode returns err with code attached, keeping its message.
func WithCode(err error, code Code) error {
	if err == nil {
		return nil
	}
	return &Error{Code: code, Message: err.Error(), cause: err}
}

// AssertionFailedf marks a bug: an internal error (XX000) with a stack.
func AssertionFailedf(format string, args ...any) error {
	return &Error{Code: InternalError, Message: "internal error: " + fmt.Sprintf(format, args...), stack: debug.Stack()}
}

// WithHint returns a copy of err with a hint.
func WithHint(err error, hint string) error {
	e := Flatten(err)
	e.Hint = hint
	return e
}

// WithDetail returns a copy of err with a detail.
func WithDetail(err error, detail string) error {
	e := Flatten(err)
	e.Detail = detail
	return e
}

// WithWhere returns a copy of err with a context (the 'W' field).
func WithWhere(err error, where string) error {
	e := Flatten(err)
	e.Where = where
	return e
}

// WithPosition returns a copy of err with a 1-based statement position.
func WithPosition(err error, pos int32) error {
	e := Flatten(err)
	e.Position = pos
	return e
}

// Coder is implemented by error types of other packages that carry a
// SQLSTATE of their own (sentinels with structured fields).
type Coder interface {
	PGCode() Code
}

// CodeOf returns the SQLSTATE of err, or InternalError when it has none.
func CodeOf(err error) Code {
	for ; err != nil; err = errors.Unwrap(err) {
		switch e := err.(type) {
		case *Error:
			if e.Code != "" {
				return e.Code
			}
		case Coder:
			return e.PGCode()
		}
	}
	return InternalError
}

// Flatten returns an *Error holding every field of err: a copy when err is
// an *Error, else a new XX000 error wrapping err.
func Flatten(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		c := *e
		c.Code = CodeOf(err)
		if c.Detail == "" {
			c.Detail = detailOf(err)
		}
		if c.Hint == "" {
			c.Hint = hintOf(err)
		}
		if c.Message == "" {
			c.Message = err.Error()
		}
		return &c
	}
	return &Error{Code: CodeOf(err), Message: err.Error(), cause: err}
}

func detailOf(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Detail
	}
	return ""
}

func hintOf(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Hint
	}
	return ""
}

// FromPanic turns a recovered panic value into an internal error (XX000)
// carrying the stack of the panic, so that a bug in one statement ends
// that statement, not the node.
func FromPanic(r any) error {
	if err, ok := r.(error); ok {
		return &Error{Code: InternalError, Message: "internal error: " + err.Error(), cause: err, stack: debug.Stack()}
	}
	return &Error{Code: InternalError, Message: fmt.Sprintf("internal error: %v", r), stack: debug.Stack()}
}
