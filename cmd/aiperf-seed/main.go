// Command aiperf-seed writes the demo fleet's data where a real deployment
// keeps its own, so the plugin can be tried on real connectors:
//
//	aiperf-seed --target focus --out demo-fleet.csv [--days 90]
//
// writes the fleet's charges as a FOCUS 1.2 export (Parquet when the file
// ends in .parquet). The data is the built-in demo's (the same simulator),
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
	out  string
	days int
	now  time.Time
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
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	now := time.Now().UTC()
	return t(ctx, demo.New(demo.Options{Now: func() time.Time { return now }}), options{out: *out, days: *days, now: now})
}

func targetNames() string {
	names := make([]string, 0, len(targets))
	for n := range targets {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}
