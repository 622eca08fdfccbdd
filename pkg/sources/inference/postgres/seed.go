package postgres

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/sources/demo"
	"github.com/aiperf/monitor/pkg/sources/inference/logstore"
)

// DemoDDL creates the demo predictions table and the index every query
// uses (README "Inference logs: the schema contract").
func DemoDDL(table string) []string {
	rel := quoteTable(table)
	var cols []string
	for _, c := range logstore.DemoColumns() {
		typ := map[string]string{logstore.DemoTime: "timestamptz NOT NULL", logstore.DemoText: "text", logstore.DemoFloat: "double precision"}[c.Kind]
		if c.Name == logstore.DemoModelColumn {
			typ = "text NOT NULL"
		}
		cols = append(cols, ident(c.Name)+" "+typ)
	}
	name := strings.ReplaceAll(table, ".", "_")
	return []string{
		fmt.Sprintf("CREATE TABLE IF NOT EXISTS %s (%s)", rel, strings.Join(cols, ", ")),
		fmt.Sprintf("CREATE INDEX IF NOT EXISTS %s ON %s (%s, %s)", ident(name+"_model_ts"), rel, ident(logstore.DemoModelColumn), ident(logstore.DemoTimeColumn)),
	}
}

// quoteTable quotes schema.table or table.
func quoteTable(table string) string {
	parts := strings.Split(table, ".")
	for i, p := range parts {
		parts[i] = ident(p)
	}
	return strings.Join(parts, ".")
}

// SeedDemo creates the table and copies the fleet's rows of [from, to)
// into it, model by model; it returns the rows written.
func SeedDemo(ctx context.Context, conn *pgx.Conn, table string, fleet *demo.Fleet, from, to time.Time) (int64, error) {
	for _, ddl := range DemoDDL(table) {
		if _, err := conn.Exec(ctx, ddl); err != nil {
			return 0, err
		}
	}
	var names []string
	for _, c := range logstore.DemoColumns() {
		names = append(names, c.Name)
	}
	index := logstore.DemoIndex()
	var total int64
	for _, spec := range demo.Models() {
		src := &demoRows{ctx: ctx, fleet: fleet, spec: spec, from: from, to: to, index: index, record: make([]any, len(names))}
		n, err := conn.CopyFrom(ctx, pgx.Identifier(strings.Split(table, ".")), names, src)
		if err != nil {
			return total, fmt.Errorf("copying %s: %w", spec.ID, err)
		}
		total += n
	}
	_, err := conn.Exec(ctx, "ANALYZE "+quoteTable(table))
	return total, err
}

// demoRows streams a model's simulated rows to COPY a day at a time, so
// memory stays flat whatever the range.
type demoRows struct {
	ctx      context.Context
	fleet    *demo.Fleet
	spec     demo.ModelSpec
	from, to time.Time
	index    map[string]int
	record   []any
	buffered [][]any
	next     int
	day      time.Time
	seq      int64
	err      error
}

func (d *demoRows) Next() bool {
	for d.next >= len(d.buffered) {
		if d.err != nil || !d.day.IsZero() && !d.day.Before(d.to) {
			return false
		}
		if d.day.IsZero() {
			d.day = d.from
		}
		end := d.day.Add(24 * time.Hour)
		if end.After(d.to) {
			end = d.to
		}
		d.buffered, d.next = d.buffered[:0], 0
		d.err = d.fleet.Rows(d.spec.ID, d.day, end, func(ts time.Time, r *engine.Row) error {
			rec := make([]any, len(d.record))
			d.seq++
			logstore.DemoRecord(d.spec, ts, time.Microsecond, r, d.seq, d.index, rec)
			d.buffered = append(d.buffered, rec)
			return d.ctx.Err()
		})
		d.day = end
	}
	d.next++
	return true
}

func (d *demoRows) Values() ([]any, error) { return d.buffered[d.next-1], nil }

func (d *demoRows) Err() error { return d.err }
