package monitor

import (
	"context"
	"time"

	"github.com/aiperf/monitor/pkg/catalog"
	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/sources"
)

// Where the predictions of cost per prediction are counted.
const (
	predictionsFromServing   = "served requests (serving telemetry)"
	predictionsFromInference = "logged predictions (inference logs)"
)

// billedWindows are one window per billed day: the bill charges whole UTC
// days, so predictions are counted over the same whole days.
func billedWindows(days []time.Time) Windows {
	w := Windows{Step: 24 * time.Hour}
	for _, d := range days {
		w.List = append(w.List, sources.Window{From: d, To: d.Add(24 * time.Hour)})
		w.Starts = append(w.Starts, d)
	}
	return w
}

// predictionsOf counts a model's predictions on the billed days, from the
// serving telemetry (requests that succeeded) or, without one, from the
// inference logs; undefined with the reason when neither is configured.
// The bill itself is never trusted for this count.
func (r *Request) predictionsOf(ctx context.Context, m catalog.Model, days []time.Time) (engine.Metric, string, error) {
	if len(days) == 0 {
		return engine.Metric{}, "", nil
	}
	w := billedWindows(days)
	switch {
	case r.Conns.Serving != nil:
		summaries, err := r.servingOf(ctx, m.ID, w.List)
		if err != nil {
			return engine.Metric{}, "", err
		}
		var served float64
		for _, s := range summaries {
			served += s.Requests - s.Errors
		}
		return engine.Metric{Value: served, OK: true}, predictionsFromServing, nil
	case r.Conns.Inference != nil:
		d, err := r.loadModelWindows(ctx, m, w)
		if err != nil {
			return engine.Metric{}, "", err
		}
		var rows float64
		for _, s := range d.summaries {
			rows += float64(s.Rows)
		}
		return engine.Metric{Value: rows, OK: true}, predictionsFromInference, nil
	}
	return engine.Metric{}, "", nil
}

// noPredictionSource explains undefined cost per prediction.
const noPredictionSource = "no serving or inference-log source counts predictions: cost per prediction is undefined; the bill alone does not say how many predictions it paid for"
