package demo

import (
	"context"
	"math"
	"sort"
	"time"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/sources"
)

// Serving telemetry is simulated per minute: request and error counts, a
// latency histogram (each minute's log-normal latency spread over
// Prometheus-style buckets) and the availability probe's outcome. Windows
// add minutes up, so a window's percentiles come from its merged buckets.

// latencyBounds are the histogram's upper bounds in ms: ×1.1 from 1 ms to
// about 60 s, fine enough that interpolated percentiles are within a few
// percent of the true ones.
var latencyBounds = exponentialBounds(1, 1.1, 116)

func exponentialBounds(start, factor float64, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = start * math.Pow(factor, float64(i))
	}
	return out
}

// ctxCheckMinutes is how many simulated minutes pass between cancellation checks.
const ctxCheckMinutes = 256

// latencyRegression is how much slower recommendation-ai gets after its
// release (p95 roughly doubles), ramping in over the rollout.
const (
	latencyRegression = 1.0
	latencyRollout    = 2 * time.Hour
)

func latencyOnset(anchor time.Time) time.Time { return anchor.Add(-latencyLead) }

type minuteSample struct {
	requests, errors float64
	median           float64 // ms; latency is log-normal with the profile's sigma
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
		median: median,
		up:     up,
	}
}

// bucketBounds are the histograms' bounds, +Inf included: made once and
// shared by every histogram (bounds never change once made).
var bucketBounds = engine.NewLatencyHistogram(latencyBounds).Bounds

// newLatencyHistogram returns empty buckets over latencyBounds.
func newLatencyHistogram() engine.LatencyHistogram {
	return engine.LatencyHistogram{Bounds: bucketBounds, Counts: make([]float64, len(bucketBounds))}
}

// latencyLogBounds are the logarithms of latencyBounds, computed once.
var latencyLogBounds = logsOf(latencyBounds)

func logsOf(xs []float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = math.Log(x)
	}
	return out
}

// addLatency spreads a minute's requests over the buckets of h (latencyBounds
// and +Inf) by the log-normal distribution's probability mass in each;
// buckets beyond ±6σ get nothing.
func addLatency(h *engine.LatencyHistogram, requests, median, sigma float64) {
	if requests == 0 {
		return
	}
	mu := math.Log(median)
	lo, hi := math.Exp(mu-6*sigma), math.Exp(mu+6*sigma)
	perSigma := 1 / sigma
	below := 0.0
	for i := sort.SearchFloat64s(latencyBounds, lo); i < len(latencyBounds); i++ {
		c := max(below, normalCDF((latencyLogBounds[i]-mu)*perSigma)) // never a negative mass from rounding
		h.Counts[i] += requests * (c - below)
		below = c
		if latencyBounds[i] > hi {
			h.Counts[i] += requests * (1 - below) // the negligible tail, so counts add up
			return
		}
	}
	h.Counts[len(latencyBounds)] += requests * (1 - below)
}

// Serving returns one summary per window; windows end at the last full
// minute before now, and minutes before the fleet's history are empty.
func (f *Fleet) Serving(ctx context.Context, model string, windows []sources.Window) ([]engine.ServingSummary, error) {
	p, err := lookup(model)
	if err != nil {
		return nil, err
	}
	if err := checkWindows(windows, time.Minute, maxMinutesPerCall, "minutes of telemetry"); err != nil {
		return nil, err
	}
	now := f.now()
	anchor := anchorOf(now)
	out := make([]engine.ServingSummary, len(windows))
	simulated := 0
	for i, w := range windows {
		from, to := f.minutesOf(w, now, anchor)
		s := engine.ServingSummary{Latency: newLatencyHistogram()}
		if p.tokensPerRequest > 0 {
			s.LLM.TimeToFirstToken, s.LLM.TimePerOutputToken = newLatencyHistogram(), newLatencyHistogram()
		}
		disruptions := p.disruptions(from, to)
		for t := from; t.Before(to); t = t.Add(time.Minute) {
			if simulated++; simulated%ctxCheckMinutes == 0 {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
			}
			m := p.minute(t, anchor, activeDisruption(disruptions, t))
			s.Minutes++
			s.Requests += m.requests
			s.Errors += m.errors
			addLatency(&s.Latency, m.requests, m.median, p.latencySigma)
			if m.up {
				s.UpMinutes++
			} else {
				s.DownMinutes++
			}
			if p.tokensPerRequest > 0 {
				p.addTokens(&s.LLM, t, m)
			}
		}
		out[i] = s
	}
	return out, ctx.Err()
}

// minutesOf clips a window to whole minutes inside the fleet's history and
// before now.
func (f *Fleet) minutesOf(w sources.Window, now, anchor time.Time) (time.Time, time.Time) {
	from := w.From.UTC().Truncate(time.Minute)
	if w.From.After(from) {
		from = from.Add(time.Minute)
	}
	if start := historyStart(anchor); from.Before(start) {
		from = start
	}
	to := earlier(w.To.UTC(), now.UTC()).Truncate(time.Minute)
	if to.Before(from) {
		to = from
	}
	return from, to
}

func activeDisruption(disruptions []disruption, t time.Time) *disruption {
	for i := range disruptions {
		if !t.Before(disruptions[i].start) && t.Before(disruptions[i].end) {
			return &disruptions[i]
		}
	}
	return nil
}
