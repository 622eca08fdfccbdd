package main

import (
	"context"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/sources/demo"
)

// The wide rows are the model's own rows: its six features first, 14
// more derived from them (NULL where the source is missing), its score,
// its label only once it has arrived, and its sensitive attributes
// (missing now and then, as the simulator makes them).
func TestWideRowsCarryTheModelsRows(t *testing.T) {
	now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	fleet := demo.New(demo.Options{Now: func() time.Time { return now }, RowsPerHour: 20})
	cols := wideColumns()
	if len(cols) != 6+wideFeatures+2 || cols[6].name != "f01" || cols[6+wideFeatures-1].name != fmt.Sprintf("f%02d", wideFeatures) {
		t.Fatalf("columns %v", cols)
	}
	var rows, labeled, missing int
	sensitive := make([]int, 2)
	err := wideRows(context.Background(), fleet, now.Add(-72*time.Hour), now, time.Second, func(rec []any) error {
		rows++
		if len(rec) != len(cols) || rec[1] != wideModel || rec[0].(time.Time).Nanosecond() != 0 {
			t.Fatalf("record %v", rec)
		}
		if rec[5] != nil {
			labeled++
		}
		for i := range wideFeatures {
			v, ok := rec[6+i].(float64)
			if rec[6+i] == nil {
				missing++
			} else if !ok || math.IsNaN(v) {
				t.Fatalf("feature f%02d = %v", i+1, rec[6+i])
			}
		}
		for i, v := range rec[6+wideFeatures:] {
			if v != nil {
				sensitive[i]++
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if sensitive[0] < rows/2 || sensitive[1] < rows/2 {
		t.Errorf("of %d rows, %v have each sensitive attribute", rows, sensitive)
	}
	if rows < 72*10 || labeled == 0 || labeled == rows {
		t.Errorf("%d rows, %d labeled: want about 20 an hour, labels only on the older ones", rows, labeled)
	}
	t.Logf("%d rows, %d labeled, %d missing feature values", rows, labeled, missing)
}

// A wide row's first features are the model's own values.
func TestWideRecordKeepsTheModelsFeatures(t *testing.T) {
	now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	fleet := demo.New(demo.Options{Now: func() time.Time { return now }})
	spec, err := wideSpec()
	if err != nil {
		t.Fatal(err)
	}
	rec := make([]any, len(wideColumns()))
	checked := 0
	err = fleet.Rows(wideModel, now.Add(-time.Hour), now, func(ts time.Time, r *engine.Row) error {
		wideRecord(spec, ts, r, 1, rec)
		for i, v := range r.Num {
			if !math.IsNaN(v) && rec[6+i] != v {
				t.Fatalf("f%02d = %v, the model's %s is %v", i+1, rec[6+i], spec.Schema.Numeric[i], v)
			}
		}
		checked++
		return nil
	})
	if err != nil || checked == 0 {
		t.Fatalf("%d rows checked: %v", checked, err)
	}
}
