// Command aiperf-seed writes the demo fleet's data where a real deployment
// keeps its own, so the plugin can be tried on real connectors:
//
//	aiperf-seed --target focus --out demo-fleet.csv [--days 90]
//
// writes the fleet's charges as a FOCUS 1.2 export (Parquet when the file
// ends in .parquet);
//
//	aiperf-seed --target postgres|clickhouse --dsn DSN [--table predictions] [--days 30] [--rows-per-day 5760]
//
// creates the predictions table and its index in the store and writes the
// fleet's prediction rows into it. The data is the built-in demo's (the same simulator),
// so a data source reading the export shows the demo's spend.
//
// Each target lives in a file of its own and registers itself in targets.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"sort"
	"strings"
	"time"

	"github.com/aiperf/monitor/pkg/sources/demo"
)

// options are the flags every target reads.
type options struct {
	out   string
	dsn   string
	table string
	days  int
	now   time.Time
}

// target writes the demo fleet's data to one kind of store.
type target func(ctx context.Context, fleet *demo.Fleet, o options) error

// targets are the stores the seeder can write, by --target name; each
// target's file adds itself in an init function.
var targets = map[string]target{}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "aiperf-seed:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("aiperf-seed", flag.ContinueOnError)
	name := fs.String("target", "", "where to write: "+targetNames())
	out := fs.String("out", "", "the file to write (focus: .csv, .csv.gz or .parquet)")
	days := fs.Int("days", 90, "how many days up to yesterday to write")
	dsn := fs.String("dsn", "", "the store to write (postgres: postgres://user:pass@host:port/db; clickhouse: http://user:pass@host:8123/db)")
	table := fs.String("table", "predictions", "the predictions table to create and fill (postgres, clickhouse)")
	rowsPerDay := fs.Int("rows-per-day", demo.DefaultRowsPerHour*24, "mean prediction rows per model and day (postgres, clickhouse)")
	at := fs.String("now", "", "the simulation's present, RFC 3339 (default: now); the same --now gives the same rows")
	if err := fs.Parse(args); err != nil {
		return err
	}
	t, ok := targets[*name]
	if !ok {
		return fmt.Errorf("--target %q is unknown: use one of %s", *name, targetNames())
	}
	if *days < 1 || *days > demo.HistoryDays {
		return fmt.Errorf("--days must be between 1 and %d (got %d)", demo.HistoryDays, *days)
	}
	if *rowsPerDay < 24 {
		return fmt.Errorf("--rows-per-day must be at least 24 (got %d)", *rowsPerDay)
	}
	now := time.Now().UTC()
	if *at != "" {
		t, err := time.Parse(time.RFC3339, *at)
		if err != nil {
			return fmt.Errorf("--now must be an RFC 3339 time such as 2026-11-20T12:00:00Z (got %q)", *at)
		}
		now = t.UTC()
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	fleet := demo.New(demo.Options{Now: func() time.Time { return now }, RowsPerHour: *rowsPerDay / 24})
	return t(ctx, fleet, options{out: *out, dsn: *dsn, table: *table, days: *days, now: now})
}

func targetNames() string {
	names := make([]string, 0, len(targets))
	for n := range targets {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}
