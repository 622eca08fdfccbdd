package main

import (
	"context"
	"fmt"
	"time"

	"github.com/aiperf/monitor/pkg/sources/billing/focus"
	"github.com/aiperf/monitor/pkg/sources/demo"
)

func init() { targets["focus"] = writeFOCUS }

// writeFOCUS writes the fleet's charges of the last days as a FOCUS export.
func writeFOCUS(ctx context.Context, fleet *demo.Fleet, o options) error {
	if o.out == "" {
		return fmt.Errorf("--out is empty: name the FOCUS file to write (.csv, .csv.gz or .parquet)")
	}
	today := o.now.Truncate(24 * time.Hour)
	records, err := fleet.DailyCosts(ctx, today.AddDate(0, 0, -o.days), today)
	if err != nil {
		return err
	}
	if err := focus.WriteExport(o.out, records); err != nil {
		return err
	}
	fmt.Printf("aiperf-seed: wrote %d FOCUS rows (%d days to %s) to %s\n", len(records), o.days, today.Add(-24*time.Hour).Format(time.DateOnly), o.out)
	return nil
}
