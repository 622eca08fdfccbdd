// Package demo is a built-in, deterministic fleet of five simulated models.
// It serves prediction rows and summaries, serving telemetry, utilisation,
// incidents, daily costs and its own model catalog, so every page and query
// type works without any external system.
//
// Like Grafana's TestData, the same time range always yields the same data:
// rows are generated per (model, hour bucket) and telemetry per (model,
// minute) from seeds derived from the model id and the time, so a sub-range
// equals the matching slice of a larger range. Scripted behaviours (drift,
// latency regression) are anchored to UTC midnight of Options.Now, so two
// calls on the same day agree exactly. The fleet's history begins
// HistoryDays before that midnight; earlier windows are empty.
package demo

import (
	"context"
	"fmt"
	"strings"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/fault"
	"github.com/aiperf/monitor/pkg/sources"
)

const oneDay = 24 * time.Hour

// HistoryDays is how far back the demo fleet's data goes.
const HistoryDays = 400

// DefaultRowsPerHour is the weekday mean of prediction rows per model and hour.
const DefaultRowsPerHour = 240

// Work limits of one call: they bound what a mistyped range can cost.
const (
	maxRowsPerCall    = 5_000_000 // about two model-years of predictions
	maxMinutesPerCall = 1_100_000 // about two years of telemetry
)

// Options configure a Fleet. Zero values select time.Now and DefaultRowsPerHour.
type Options struct {
	Now         func() time.Time
	RowsPerHour int
}

// Fleet simulates the demo models. It is safe for concurrent use. Caching
// final windows is the job of the sources/cache decorator; the fleet keeps
// only what its own determinism makes reusable before then (checkpoints.go).
type Fleet struct {
	now         func() time.Time
	rowsPerHour int
	checkpoints *lru.Cache[checkpointKey, *engine.Summary]
	dayCounts   *lru.Cache[dayKey, int64]
}

var (
	_ sources.InferenceSource = (*Fleet)(nil)
	_ sources.ServingSource   = (*Fleet)(nil)
	_ sources.IncidentSource  = (*Fleet)(nil)
	_ sources.BillingSource   = (*Fleet)(nil)
	_ sources.RegistrySource  = (*Fleet)(nil)
	_ sources.HealthChecker   = (*Fleet)(nil)
)

// New returns a Fleet with the given options.
func New(opts Options) *Fleet {
	f := &Fleet{now: opts.Now, rowsPerHour: opts.RowsPerHour, checkpoints: newCheckpoints(), dayCounts: newDayCounts()}
	if f.now == nil {
		f.now = time.Now
	}
	if f.rowsPerHour <= 0 {
		f.rowsPerHour = DefaultRowsPerHour
	}
	return f
}

// CheckHealth simulates a minute of every model.
func (f *Fleet) CheckHealth(ctx context.Context) (string, error) {
	now := f.now().UTC().Truncate(time.Minute)
	w := []sources.Window{{From: now.Add(-time.Minute), To: now}}
	for _, p := range fleetProfiles {
		if _, err := f.Serving(ctx, p.spec.ID, w); err != nil {
			return "", fmt.Errorf("model %s: %w", p.spec.ID, err)
		}
	}
	return fmt.Sprintf("%d simulated models", len(fleetProfiles)), nil
}

// anchorOf returns UTC midnight of now: every scripted behaviour is placed
// relative to it so that all calls made on one day agree.
func anchorOf(now time.Time) time.Time {
	return now.UTC().Truncate(oneDay)
}

// historyStart is when the demo's data begins.
func historyStart(anchor time.Time) time.Time {
	return anchor.Add(-HistoryDays * oneDay)
}

func lookup(model string) (*profile, error) {
	for _, p := range fleetProfiles {
		if p.spec.ID == model {
			return p, nil
		}
	}
	ids := make([]string, len(fleetProfiles))
	for i, p := range fleetProfiles {
		ids[i] = p.spec.ID
	}
	return nil, fault.Userf("the demo fleet has no model %s: it simulates %s; declare your own models on a data source with your own connectors", fault.Echo(model), strings.Join(ids, ", "))
}

// checkWindows rejects reversed windows and more work than one call may do.
func checkWindows(windows []sources.Window, unit time.Duration, limit int64, what string) error {
	var total int64
	for i, w := range windows {
		if w.To.Before(w.From) {
			return fault.Userf("demo: window %d ends (%s) before it starts (%s); swap From and To", i, w.To.Format(time.RFC3339), w.From.Format(time.RFC3339))
		}
		total += int64(w.Length() / unit)
	}
	if total > limit {
		return fault.Userf("demo: the windows hold %d %s, more than the %d one query may simulate: narrow the range or widen the interval", total, what, limit)
	}
	return nil
}

// checkRange rejects a reversed time range as the user's to fix.
func checkRange(from, to time.Time) error {
	if to.Before(from) {
		return fault.Userf("demo: the time range ends (%s) before it starts (%s); swap from and to", to.Format(time.RFC3339), from.Format(time.RFC3339))
	}
	return nil
}
