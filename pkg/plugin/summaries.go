package plugin

import (
	"context"
	"fmt"
	"time"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/sources"
)

// modelWindows is what every model-metric query starts from: the model, its
// baseline and one summary per aligned window of the range.
type modelWindows struct {
	model     catalog.Model
	schema    engine.Schema
	baseline  *engine.Baseline
	windows   []sources.Window
	summaries []*engine.Summary
	widened   bool // the step was widened to stay within maxWindows
	executed  string
}

func loadModelWindows(ctx context.Context, qc *queryContext) (*modelWindows, error) {
	m, err := modelOf(qc)
	if err != nil {
		return nil, err
	}
	if qc.Inference == nil {
		return nil, badQuery("no inference-log source is configured: enable the demo fleet or add an inference connector")
	}
	schema, err := qc.Inference.Schema(ctx, m.ID)
	if err != nil {
		return nil, fmt.Errorf("schema of %s: %w", m.ID, err)
	}
	baseline, err := qc.Inference.Baseline(ctx, m.ID)
	if err != nil {
		return nil, fmt.Errorf("baseline of %s: %w", m.ID, err)
	}
	from, to := qc.Range.From.UTC(), qc.Range.To.UTC()
	step, widened := alignedStep(from, to, qc.Interval, minModelWindow)
	windows := windowsOf(from, to, step)
	summaries, err := qc.Inference.Summaries(ctx, m.ID, baseline, windows)
	if err != nil {
		return nil, fmt.Errorf("prediction summaries of %s: %w", m.ID, err)
	}
	executed := fmt.Sprintf("%s of %s (%s) from %s to %s in %d windows of %s, against its baseline",
		qc.Query.QueryType, m.ID, schema.Task, from.Format(time.RFC3339), to.Format(time.RFC3339), len(windows), step)
	return &modelWindows{model: m, schema: schema, baseline: baseline, windows: windows, summaries: summaries, widened: widened, executed: executed}, nil
}

// total merges every window into one summary of the whole range.
func (mw *modelWindows) total() (*engine.Summary, error) {
	return engine.MergeAll(mw.summaries...)
}

// times are the window start times, the time field of trend frames.
func (mw *modelWindows) times() []time.Time {
	out := make([]time.Time, len(mw.windows))
	for i, w := range mw.windows {
		out[i] = w.From
	}
	return out
}

func (mw *modelWindows) widenedNotice() string {
	return fmt.Sprintf("the range holds more than %d windows at this interval, so windows were widened; zoom in for finer windows", maxWindows)
}
