package main

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/aiperf/monitor/pkg/sources/demo"
	"github.com/aiperf/monitor/pkg/sources/inference/postgres"
)

func init() { targets["postgres"] = writePostgres }

// writePostgres fills a PostgreSQL predictions table with the fleet's rows
// of the last days, up to now.
func writePostgres(ctx context.Context, fleet *demo.Fleet, o options) error {
	if o.dsn == "" {
		return fmt.Errorf("--dsn is empty: give the database, e.g. postgres://user:password@localhost:5432/aiperf")
	}
	conn, err := pgx.Connect(ctx, o.dsn)
	if err != nil {
		return fmt.Errorf("connecting to PostgreSQL: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	from := o.now.Truncate(24*time.Hour).AddDate(0, 0, -o.days)
	n, err := postgres.SeedDemo(ctx, conn, o.table, fleet, from, o.now)
	if err != nil {
		return err
	}
	fmt.Printf("aiperf-seed: wrote %d prediction rows (%s to %s) to table %s\n", n, from.Format(time.DateOnly), o.now.Format(time.RFC3339), o.table)
	return nil
}
