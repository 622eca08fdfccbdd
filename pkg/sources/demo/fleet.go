// Package demo is a built-in, deterministic fleet of five simulated models.
// It serves prediction rows and summaries, serving telemetry, utilisation,
// incidents and daily costs, so every page and query type works without any
// external system.
//
// Like Grafana's TestData, the same time range always yields the same data:
// rows are generated per (model, hour bucket) and telemetry per (model,
// minute) from seeds derived from the model id and the time, so a sub-range
// equals the matching slice of a larger range. Scripted behaviours (drift,
// latency regression) are anchored to UTC midnight of Options.Now, so two
// calls on the same day agree exactly.
package demo

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/aiperf/monitor/pkg/sources"
)

const oneDay = 24 * time.Hour

// DefaultRowsPerHour is the weekday mean of prediction rows per model and hour.
const DefaultRowsPerHour = 240

// Options configure a Fleet. Zero values select time.Now and DefaultRowsPerHour.
type Options struct {
	Now         func() time.Time
	RowsPerHour int
}

// Fleet simulates the demo models. It is safe for concurrent use.
type Fleet struct {
	now         func() time.Time
	rowsPerHour int

	baselinesMu sync.Mutex
	baselines   map[baselineKey]*baselineEntry

	summaries *summaryCache
}

var (
	_ sources.InferenceSource = (*Fleet)(nil)
	_ sources.ServingSource   = (*Fleet)(nil)
	_ sources.BillingSource   = (*Fleet)(nil)
)

// New returns a Fleet with the given options.
func New(opts Options) *Fleet {
	f := &Fleet{
		now:         opts.Now,
		rowsPerHour: opts.RowsPerHour,
		baselines:   map[baselineKey]*baselineEntry{},
		summaries:   newSummaryCache(summaryCacheSize),
	}
	if f.now == nil {
		f.now = time.Now
	}
	if f.rowsPerHour <= 0 {
		f.rowsPerHour = DefaultRowsPerHour
	}
	return f
}

// anchorOf returns UTC midnight of now: every scripted behaviour is placed
// relative to it so that all calls made on one day agree.
func anchorOf(now time.Time) time.Time {
	return now.UTC().Truncate(oneDay)
}

func lookup(model string) (*profile, error) {
	for _, p := range catalog {
		if p.spec.ID == model {
			return p, nil
		}
	}
	ids := make([]string, len(catalog))
	for i, p := range catalog {
		ids[i] = p.spec.ID
	}
	return nil, fmt.Errorf("demo: unknown model %q; valid model ids are %s", model, strings.Join(ids, ", "))
}
