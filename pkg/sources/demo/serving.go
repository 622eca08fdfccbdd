package demo

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/aiperf/monitor/pkg/sources"
)

// Serving telemetry is simulated per minute and aggregated into steps:
// counts add up, latency percentiles are request-weighted means of the
// per-minute percentiles (which keeps p50 ≤ p95 ≤ p99), and a step is
// available only if every minute in it was.

// Log-normal quantile factors: pXX = p50·e^(zσ).
const (
	z95 = 1.6449
	z99 = 2.3263
)

// maxPoints bounds one series so a mistyped step cannot exhaust memory.
const maxPoints = 100_000

// latencyRegression is how much slower recommendation-ai gets after its
// release (p95 roughly doubles), ramping in over the rollout.
const (
	latencyRegression = 1.0
	latencyRollout    = 2 * time.Hour
)

func latencyOnset(anchor time.Time) time.Time { return anchor.Add(-latencyLead) }

type minuteSample struct {
	requests, errors float64
	p50, p95, p99    float64
	up               bool
}

// minute simulates one minute of serving telemetry.
func (p *profile) minute(t, anchor time.Time, active *disruption) minuteSample {
	key := t.Unix() / 60
	l := load(t)
	requests := math.Max(0, math.Round(p.requestsPerMinute*l*growth(t, anchor)*(1+0.06*gaussian(p.seed, key, chRequests))))
	errorRate := p.errorRate * math.Exp(0.4*gaussian(p.seed, key, chErrors))
	median := p.p50Ms * (1 + 0.25*(l-1)) * math.Exp(0.05*gaussian(p.seed, key, chLatency))
	if p.spec.ID == RecommendationAI {
		median *= 1 + latencyRegression*ramp(t, latencyOnset(anchor), latencyRollout)
	}
	up := true
	if active != nil {
		errorRate = math.Max(errorRate, active.errorRate)
		median *= active.latencyFactor
		up = !active.down
	}
	return minuteSample{
		requests: requests,
		// Rounding at random keeps low error rates from vanishing at low traffic.
		errors: math.Floor(requests*math.Min(1, errorRate) + uniform(p.seed, key, chErrorRounding)),
		p50:    median,
		p95:    median * math.Exp(z95*p.latencySigma),
		p99:    median * math.Exp(z99*p.latencySigma),
		up:     up,
	}
}

// Serving returns the model's latency, traffic, errors and availability in
// steps of step (at least one minute) aligned to multiples of step. The
// series ends at Options.Now; the step containing it covers the minutes so far.
func (f *Fleet) Serving(ctx context.Context, model string, from, to time.Time, step time.Duration) ([]sources.ServingPoint, error) {
	p, err := lookup(model)
	if err != nil {
		return nil, err
	}
	now := f.now()
	steps, end, err := stepsOf(from, to, step, now)
	if err != nil || len(steps) == 0 {
		return nil, err
	}
	anchor := anchorOf(now)
	step = step.Truncate(time.Minute)
	disruptions := p.disruptions(steps[0], end)
	points := make([]sources.ServingPoint, 0, len(steps))
	for _, start := range steps {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		pt := sources.ServingPoint{Time: start, Available: true}
		var w50, w95, w99, plain50, plain95, plain99, minutes float64
		for t := start; t.Before(earlier(start.Add(step), end)); t = t.Add(time.Minute) {
			m := p.minute(t, anchor, activeDisruption(disruptions, t))
			pt.Requests += m.requests
			pt.Errors += m.errors
			pt.Available = pt.Available && m.up
			w50 += m.p50 * m.requests
			w95 += m.p95 * m.requests
			w99 += m.p99 * m.requests
			plain50, plain95, plain99 = plain50+m.p50, plain95+m.p95, plain99+m.p99
			minutes++
		}
		if pt.Requests > 0 {
			pt.P50Ms, pt.P95Ms, pt.P99Ms = w50/pt.Requests, w95/pt.Requests, w99/pt.Requests
		} else {
			pt.P50Ms, pt.P95Ms, pt.P99Ms = plain50/minutes, plain95/minutes, plain99/minutes
		}
		points = append(points, pt)
	}
	return points, nil
}

func activeDisruption(disruptions []disruption, t time.Time) *disruption {
	for i := range disruptions {
		if !t.Before(disruptions[i].start) && t.Before(disruptions[i].end) {
			return &disruptions[i]
		}
	}
	return nil
}

// checkRange rejects a reversed time range.
func checkRange(from, to time.Time) error {
	if to.Before(from) {
		return fmt.Errorf("demo: time range ends (%s) before it starts (%s); swap from and to", to.Format(time.RFC3339), from.Format(time.RFC3339))
	}
	return nil
}

// stepsOf returns the starts of the steps covering [from, to), aligned to
// multiples of step so that overlapping ranges share their points, and the
// end of the simulated minutes: to, or the minute after now if earlier.
func stepsOf(from, to time.Time, step time.Duration, now time.Time) ([]time.Time, time.Time, error) {
	if err := checkRange(from, to); err != nil {
		return nil, to, err
	}
	if step < time.Minute {
		return nil, to, fmt.Errorf("demo: step %s is below the minimum; use a step of at least 1m", step)
	}
	step = step.Truncate(time.Minute)
	first := from.UTC().Truncate(step)
	if n := to.Sub(first) / step; n > maxPoints {
		return nil, to, fmt.Errorf("demo: %d points of %s exceed the limit of %d; use a larger step or a shorter range", n, step, maxPoints)
	}
	end := earlier(to, now.Truncate(time.Minute).Add(time.Minute))
	var steps []time.Time
	for t := first; t.Before(end); t = t.Add(step) {
		steps = append(steps, t)
	}
	return steps, end, nil
}
