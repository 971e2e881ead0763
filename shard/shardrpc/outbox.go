package shardrpc

import (
	"context"
	"errors"
	"io"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/flight"
	"github.com/apache/arrow/go/v15/arrow/ipc"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/quiverdb/quiver/exec"
	"github.com/quiverdb/quiver/internal/pgerror"
)

// sendStream writes op's schema, then every batch op returns, to stream as
// Arrow IPC messages. It returns op's error as is; on error it writes
// nothing more, so the stream cannot look complete.
func sendStream(ctx context.Context, op exec.Operator, stream flight.DataStreamWriter, alloc memory.Allocator) error {
	schema := op.Schema()
	w := flight.NewRecordWriter(stream, ipc.WithSchema(schema), ipc.WithAllocator(alloc))
	if err := sendSchema(w, schema, alloc); err != nil {
		return err
	}
	for {
		rec, err := op.Next(ctx)
		if errors.Is(err, io.EOF) {
			return w.Close()
		}
		if err != nil {
			return err
		}
		if err := sendRecord(w, schema, rec); err != nil {
			return err
		}
	}
}

// sendSchema writes the schema message now, with a zero-row batch that
// the inbox drops, rather than with the first real batch.
func sendSchema(w *flight.Writer, schema *arrow.Schema, alloc memory.Allocator) error {
	b := array.NewRecordBuilder(alloc, schema)
	defer b.Release()
	empty := b.NewRecord()
	defer empty.Release()
	return w.Write(empty)
}

// sendRecord writes rec, relabelled with the stream's schema when its own
// differs only in names or metadata.
func sendRecord(w *flight.Writer, schema *arrow.Schema, rec arrow.Record) error {
	if rec.NumRows() == 0 {
		return nil
	}
	if rec.Schema().Equal(schema) {
		return w.Write(rec)
	}
	relabelled, err := relabel(schema, rec)
	if err != nil {
		return err
	}
	defer relabelled.Release()
	return w.Write(relabelled)
}

// relabel returns rec's columns under schema.
func relabel(schema *arrow.Schema, rec arrow.Record) (arrow.Record, error) {
	if int(rec.NumCols()) != schema.NumFields() {
		return nil, pgerror.AssertionFailedf("shardrpc: batch has %d columns, schema %d", rec.NumCols(), schema.NumFields())
	}
	for i, col := range rec.Columns() {
		if !arrow.TypeEqual(col.DataType(), schema.Field(i).Type) {
			return nil, pgerror.AssertionFailedf("shardrpc: batch column %d is %s, schema says %s",
				i, col.DataType(), schema.Field(i).Type)
		}
	}
	return array.NewRecord(schema, rec.Columns(), rec.NumRows()), nil
}
