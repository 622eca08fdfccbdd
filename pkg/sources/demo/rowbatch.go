package demo

import (
	"sync"

	"github.com/aiperf/monitor/pkg/engine"
)

// batchRows is how many rows go to the engine together: enough for it to
// profile or summarize their columns on every core.
const batchRows = 4096

// rowBatch holds copies of generated rows (the generator reuses its row)
// until they go to the engine together.
type rowBatch struct {
	rows []engine.Row
	n    int
}

func newRowBatch(schema engine.Schema) *rowBatch { return newRowBatchOf(schema, batchRows) }

func newRowBatchOf(schema engine.Schema, size int) *rowBatch {
	nums, cats, sens := len(schema.Numeric), len(schema.Categorical), len(schema.Sensitive)
	num, cat, sen := make([]float64, size*nums), make([]string, size*cats), make([]string, size*sens)
	b := &rowBatch{rows: make([]engine.Row, size)}
	for i := range b.rows {
		b.rows[i] = engine.Row{Num: num[i*nums : (i+1)*nums], Cat: cat[i*cats : (i+1)*cats], Sens: sen[i*sens : (i+1)*sens]}
	}
	return b
}

// add copies r into the batch and reports whether the batch is full.
func (b *rowBatch) add(r *engine.Row) bool {
	d := &b.rows[b.n]
	copy(d.Num, r.Num)
	copy(d.Cat, r.Cat)
	copy(d.Sens, r.Sens)
	d.Score, d.Pred, d.Label, d.Labeled = r.Score, r.Pred, r.Label, r.Labeled
	b.n++
	return b.n == len(b.rows)
}

// take returns the rows held and empties the batch; they stay valid until
// the next add.
func (b *rowBatch) take() []engine.Row {
	rows := b.rows[:b.n]
	b.n = 0
	return rows
}

// copyRows is a copy of rows that stays valid after the batch is reused.
func copyRows(schema engine.Schema, rows []engine.Row) []engine.Row {
	b := newRowBatchOf(schema, len(rows))
	for k := range rows {
		b.add(&rows[k])
	}
	return b.take()
}

// batches keeps each model's row batches for reuse.
var batches sync.Map // model id → *sync.Pool of *rowBatch

func batchOf(p *profile) *rowBatch {
	pool, _ := batches.LoadOrStore(p.spec.ID, &sync.Pool{New: func() any { return newRowBatch(p.spec.Schema) }})
	return pool.(*sync.Pool).Get().(*rowBatch)
}

func releaseBatch(p *profile, b *rowBatch) {
	b.n = 0
	if pool, ok := batches.Load(p.spec.ID); ok {
		pool.(*sync.Pool).Put(b)
	}
}
