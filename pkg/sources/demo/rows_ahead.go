package demo

import (
	"context"
	"time"

	"github.com/aiperf/monitor/pkg/engine"
)

// A baseline is what every first query of a model waits for, so its rows
// are drawn a few hours ahead on several goroutines and handed over in
// time order: the walk stays the same sequence of rows (hours draw from
// their own seeds), only sooner on a busy machine.
const (
	aheadWorkers = 4
	aheadHours   = 8
)

// hourOfRows is one hour bucket's rows inside the walked range, drawn by a
// worker and read by the walk once done is closed.
type hourOfRows struct {
	bucket time.Time
	ts     []time.Time
	rows   []engine.Row
	err    error
	done   chan struct{}
}

// rowsAhead walks the rows of [from, to) as of now, as rowsAt does.
func (f *Fleet) rowsAhead(ctx context.Context, p *profile, from, to, now time.Time, emit func(time.Time, *engine.Row) error) error {
	if err := checkRange(from, to); err != nil {
		return err
	}
	anchor := anchorOf(now)
	to = earlier(to, now)
	first := from.UTC().Truncate(time.Hour)
	if start := historyStart(anchor); first.Before(start) {
		first = start
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	order := make(chan *hourOfRows, aheadHours)
	jobs := make(chan *hourOfRows)
	go func() {
		defer close(order)
		defer close(jobs)
		for bucket := first; bucket.Before(to); bucket = bucket.Add(time.Hour) {
			h := &hourOfRows{bucket: bucket, done: make(chan struct{})}
			select {
			case order <- h:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- h:
			case <-ctx.Done():
				return
			}
		}
	}()
	for range aheadWorkers {
		go func() {
			r := newRow(p)
			for h := range jobs {
				h.err = f.bucketRows(p, h.bucket, from, to, now, anchor, r, func(ts time.Time, r *engine.Row) error {
					h.ts, h.rows = append(h.ts, ts), append(h.rows, copyRow(r))
					return ctx.Err()
				})
				close(h.done)
			}
		}()
	}
	for h := range order {
		select {
		case <-h.done:
		case <-ctx.Done():
			return ctx.Err()
		}
		if h.err != nil {
			return h.err
		}
		for i := range h.rows {
			if err := emit(h.ts[i], &h.rows[i]); err != nil {
				return err
			}
		}
	}
	return ctx.Err()
}

func newRow(p *profile) *engine.Row {
	return &engine.Row{
		Num:  make([]float64, len(p.spec.Schema.Numeric)),
		Cat:  make([]string, len(p.spec.Schema.Categorical)),
		Sens: make([]string, len(p.spec.Schema.Sensitive)),
	}
}

func copyRow(r *engine.Row) engine.Row {
	c := *r
	c.Num, c.Cat, c.Sens = append([]float64(nil), r.Num...), append([]string(nil), r.Cat...), append([]string(nil), r.Sens...)
	return c
}
