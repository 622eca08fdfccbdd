package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/aiperf/monitor/pkg/engine"
)

// batchCells bounds the values in one batch of rows, so a wide file is read
// in shorter batches and memory does not grow with the number of columns.
const batchCells = 1 << 17

// columns maps the schema onto the file's columns.
type columns struct {
	num, cat     []int
	score, label int
}

func columnsOf(s *arrow.Schema, schema engine.Schema) (columns, error) {
	find := func(name string) (int, error) {
		i := s.FieldIndices(name)
		if len(i) != 1 {
			return 0, fmt.Errorf("the file has no column %q: regenerate the data with gen_data.py", name)
		}
		return i[0], nil
	}
	var c columns
	var errs []error
	for _, name := range schema.Numeric {
		i, err := find(name)
		c.num, errs = append(c.num, i), append(errs, err)
	}
	for _, name := range schema.Categorical {
		i, err := find(name)
		c.cat, errs = append(c.cat, i), append(errs, err)
	}
	var err1, err2 error
	c.score, err1 = find("score")
	c.label, err2 = find("label")
	return c, errors.Join(append(errs, err1, err2)...)
}

// streamRows reads a Parquet file with pqarrow, batch by batch, and hands
// every row to one of the consumers (each on its own goroutine, taking
// whole batches). Decoding runs on a goroutine of its own; rows travel in
// reused batches and none is kept.
func streamRows(path string, schema engine.Schema, consumers ...func(*engine.Row)) (int64, error) {
	pf, err := file.OpenParquetFile(path, false)
	if err != nil {
		return 0, fmt.Errorf("open %s (regenerate the data with gen_data.py): %w", path, err)
	}
	defer pf.Close()
	batchRows := min(4096, max(256, batchCells/(len(schema.Numeric)+len(schema.Categorical)+2)))
	props := pqarrow.ArrowReadProperties{BatchSize: int64(batchRows)}
	fileSchema := pf.MetaData().Schema
	for _, name := range schema.Categorical {
		if i := fileSchema.ColumnIndexByName(name); i >= 0 {
			props.SetReadDict(i, true) // categories arrive as indices into a small dictionary
		}
	}
	fr, err := pqarrow.NewFileReader(pf, props, memory.DefaultAllocator)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", path, err)
	}
	records, err := fr.GetRecordReader(context.Background(), nil, nil)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", path, err)
	}
	defer records.Release()
	cols, err := columnsOf(records.Schema(), schema)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", path, err)
	}
	batches := 2 * len(consumers)
	full, free := make(chan []engine.Row, batches), make(chan []engine.Row, batches)
	for range batches {
		free <- newBatch(batchRows, len(cols.num), len(cols.cat))
	}
	decoded := make(chan error, 1)
	go func() {
		defer close(full)
		names := newInterner(len(cols.cat))
		for records.Next() {
			batch, err := toRows(records.RecordBatch(), cols, names, <-free)
			if err != nil {
				decoded <- fmt.Errorf("%s: %w", path, err)
				return
			}
			full <- batch
		}
		decoded <- records.Err()
	}()
	counted := make(chan int64, len(consumers))
	for _, add := range consumers {
		go func() {
			var n int64
			for batch := range full {
				for i := range batch {
					add(&batch[i])
				}
				n += int64(len(batch))
				free <- batch
			}
			counted <- n
		}()
	}
	var n int64
	for range consumers {
		n += <-counted
	}
	return n, <-decoded
}

func newBatch(size, numeric, categorical int) []engine.Row {
	rows := make([]engine.Row, size)
	for i := range rows {
		rows[i] = engine.Row{Num: make([]float64, numeric), Cat: make([]string, categorical), Labeled: true}
	}
	return rows
}

// toRows copies one record batch into reused rows.
func toRows(rec arrow.RecordBatch, c columns, names interner, rows []engine.Row) ([]engine.Row, error) {
	n := int(rec.NumRows())
	if n > cap(rows) {
		return nil, fmt.Errorf("a batch of %d rows exceeds %d", n, cap(rows))
	}
	rows = rows[:n]
	for j, col := range c.num {
		values, ok := rec.Column(col).(*array.Float64)
		if !ok {
			return nil, fmt.Errorf("column %s is %s, want double", rec.ColumnName(col), rec.Column(col).DataType())
		}
		for i := range rows {
			rows[i].Num[j] = values.Value(i)
			if values.IsNull(i) {
				rows[i].Num[j] = engine.Missing
			}
		}
	}
	for j, col := range c.cat {
		codes, ok := rec.Column(col).(*array.Dictionary)
		var dict *array.String
		if ok {
			dict, ok = codes.Dictionary().(*array.String)
		}
		if !ok {
			return nil, fmt.Errorf("column %s is %s, want dictionary-encoded strings", rec.ColumnName(col), rec.Column(col).DataType())
		}
		levels := make([]string, dict.Len())
		for k := range levels {
			levels[k] = names.get(j, dict.Value(k))
		}
		for i := range rows {
			rows[i].Cat[j] = levels[codes.GetValueIndex(i)]
		}
	}
	score, ok1 := rec.Column(c.score).(*array.Float64)
	label, ok2 := rec.Column(c.label).(*array.Int64)
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("score must be double and label int64, got %s and %s", rec.Column(c.score).DataType(), rec.Column(c.label).DataType())
	}
	for i := range rows {
		rows[i].Score, rows[i].Label = score.Value(i), float64(label.Value(i))
	}
	return rows, nil
}

// interner keeps one copy of each category name per column: the strings
// Arrow returns point into its buffers, which later batches may reuse.
type interner []map[string]string

func newInterner(columns int) interner {
	in := make(interner, columns)
	for i := range in {
		in[i] = map[string]string{}
	}
	return in
}

func (in interner) get(column int, v string) string {
	if s, ok := in[column][v]; ok {
		return s
	}
	s := strings.Clone(v)
	in[column][s] = s
	return s
}
