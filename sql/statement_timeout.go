package sql

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/quiverdb/quiver/internal/pgerror"
)

// errStatementTimeout is the cause of a statement context that
// statement_timeout ended.
var errStatementTimeout = pgerror.New(pgerror.QueryCanceled, "canceling statement due to statement timeout")

// statementContext returns ctx bounded by the session's
// statement_timeout (0: no bound).
func (s *Session) statementContext(ctx context.Context) (context.Context, context.CancelFunc) {
	v, err := s.vars.get("statement_timeout")
	if err != nil {
		return ctx, func() {}
	}
	d, ok := parseTimeout(v)
	if !ok || d <= 0 {
		return ctx, func() {}
	}
	return context.WithTimeoutCause(ctx, d, errStatementTimeout)
}

// timedOut replaces the error of a statement that statement_timeout
// ended with PostgreSQL's 57014, unless the error says a write's outcome
// is unknown (40003), which the client must still learn.
func timedOut(ctx context.Context, err error) error {
	if err == nil || !errors.Is(context.Cause(ctx), errStatementTimeout) {
		return err
	}
	if pgerror.CodeOf(err) == pgerror.StatementCompletionUnknown {
		return err
	}
	return errStatementTimeout
}

// parseTimeout reads a statement_timeout value: milliseconds, or a
// number with one of PostgreSQL's time units (us, ms, s, min, h, d).
func parseTimeout(v string) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	i := strings.IndexFunc(v, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
	num, unit := v, "ms"
	if i >= 0 {
		num, unit = v[:i], strings.TrimSpace(v[i:])
	}
	n, err := strconv.ParseFloat(num, 64)
	if err != nil || n < 0 {
		return 0, false
	}
	scale := map[string]time.Duration{"us": time.Microsecond, "ms": time.Millisecond, "s": time.Second,
		"min": time.Minute, "h": time.Hour, "d": 24 * time.Hour}[unit]
	if scale == 0 {
		return 0, false
	}
	return time.Duration(n * float64(scale)), true
}
