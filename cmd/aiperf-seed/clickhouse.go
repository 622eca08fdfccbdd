package main

import (
	"context"
	"fmt"
	"time"

	"github.com/aiperf/monitor/pkg/sources/demo"
	"github.com/aiperf/monitor/pkg/sources/inference/clickhouse"
)

func init() { targets["clickhouse"] = writeClickHouse }

// writeClickHouse fills a ClickHouse predictions table (a MergeTree
// ordered by model and time) with the fleet's rows of the last days, up
// to now, over the server's HTTP interface.
func writeClickHouse(ctx context.Context, fleet *demo.Fleet, o options) error {
	if o.dsn == "" {
		return fmt.Errorf("--dsn is empty: give the HTTP interface, e.g. http://default:password@localhost:8123/default")
	}
	conn, err := clickhouse.Dial(o.dsn)
	if err != nil {
		return err
	}
	from := o.now.Truncate(24*time.Hour).AddDate(0, 0, -o.days)
	n, err := clickhouse.SeedDemo(ctx, conn, o.table, fleet, from, o.now)
	if err != nil {
		return err
	}
	fmt.Printf("aiperf-seed: wrote %d prediction rows (%s to %s) to table %s\n", n, from.Format(time.DateOnly), o.now.Format(time.RFC3339), o.table)
	return nil
}
