package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/aiperf/monitor/pkg/sources/demo"
)

// writePostgresWide creates the wide table and its (model, time) index and
// copies the rows into it.
func writePostgresWide(ctx context.Context, fleet *demo.Fleet, o options) error {
	if o.dsn == "" {
		return fmt.Errorf("--dsn is empty: give the database, e.g. postgres://user:password@localhost:5432/aiperf")
	}
	conn, err := pgx.Connect(ctx, o.dsn)
	if err != nil {
		return fmt.Errorf("connecting to PostgreSQL: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	table := pgx.Identifier{o.table}.Sanitize()
	var defs, names []string
	for _, c := range wideColumns() {
		typ := [...]string{wideTime: "timestamptz NOT NULL", wideText: "text", wideFloat: "double precision"}[c.kind]
		defs = append(defs, pgx.Identifier{c.name}.Sanitize()+" "+typ)
		names = append(names, c.name)
	}
	for _, ddl := range []string{
		fmt.Sprintf("CREATE TABLE %s (%s)", table, strings.Join(defs, ", ")),
		fmt.Sprintf("CREATE INDEX %s ON %s (model_id, ts)", pgx.Identifier{o.table + "_model_ts"}.Sanitize(), table),
	} {
		if _, err := conn.Exec(ctx, ddl); err != nil {
			return err
		}
	}
	from, to := wideRange(o)
	src := newBatches(ctx, func(emit func([]any) error) error {
		return wideRows(ctx, fleet, from, to, time.Microsecond, emit)
	})
	n, err := conn.CopyFrom(ctx, pgx.Identifier{o.table}, names, src)
	if err != nil {
		return err
	}
	if _, err := conn.Exec(ctx, "VACUUM ANALYZE "+table); err != nil {
		return err
	}
	fmt.Printf("aiperf-seed: wrote %d rows of %s with %d features (%s to %s) to table %s\n", n, wideModel, wideFeatures, from.Format(time.DateOnly), to.Format(time.RFC3339), o.table)
	return nil
}

// batches turns a row walk into pgx's CopyFromSource: the walk runs in its
// own goroutine and hands over copies of its rows a batch at a time.
type batches struct {
	ch   chan [][]any
	errc chan error
	cur  [][]any
	next int
	err  error
}

const copyBatch = 10_000

func newBatches(ctx context.Context, walk func(emit func([]any) error) error) *batches {
	b := &batches{ch: make(chan [][]any, 4), errc: make(chan error, 1)}
	go func() {
		defer close(b.ch)
		var batch [][]any
		send := func() error {
			select {
			case b.ch <- batch:
				batch = nil
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		err := walk(func(record []any) error {
			batch = append(batch, append([]any(nil), record...))
			if len(batch) == copyBatch {
				return send()
			}
			return nil
		})
		if err == nil && len(batch) > 0 {
			err = send()
		}
		b.errc <- err
	}()
	return b
}

func (b *batches) Next() bool {
	b.next++
	for b.next >= len(b.cur) {
		batch, ok := <-b.ch
		if !ok {
			b.err = <-b.errc
			return false
		}
		b.cur, b.next = batch, 0
	}
	return true
}

func (b *batches) Values() ([]any, error) { return b.cur[b.next], nil }

func (b *batches) Err() error { return b.err }
