package exec

import (
	"context"
	"errors"
	"io"

	"github.com/apache/arrow/go/v15/arrow"
)

// Drain opens op, reads every batch, closes op and returns the batches,
// each retained: the caller releases them. On error it releases what it
// had read.
func Drain(ctx context.Context, op Operator) ([]arrow.Record, error) {
	if err := op.Open(ctx); err != nil {
		_ = op.Close()
		return nil, err
	}
	var recs []arrow.Record
	for {
		rec, err := op.Next(ctx)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			releaseAll(recs)
			_ = op.Close()
			return nil, err
		}
		rec.Retain()
		recs = append(recs, rec)
	}
	if err := op.Close(); err != nil {
		releaseAll(recs)
		return nil, err
	}
	return recs, nil
}

func releaseAll(recs []arrow.Record) {
	for _, r := range recs {
		r.Release()
	}
}
