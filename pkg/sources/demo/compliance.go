package demo

import (
	"context"
	"math"
	"time"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/sources"
)

// The demo measures what a real inference store and serving layer would
// for compliance: which versions served, how completely predictions were
// logged, what the store still holds, and the status codes of requests.

var (
	_ sources.ServedVersionSource = (*Fleet)(nil)
	_ sources.AuditTrailSource    = (*Fleet)(nil)
	_ sources.RetentionSource     = (*Fleet)(nil)
	_ sources.AccessSource        = (*Fleet)(nil)
)

// Customer AI Assistant logs prompts over the store's size limit without
// their inputs: between 1% and 3% of an hour's predictions.
const (
	assistantMissingInputs       = 0.01
	assistantMissingInputsSpread = 0.02
)

// authFailureShare is the usual share of requests refused for credentials
// (expired tokens of client applications); rejectedShareOfErrors the share
// of failed requests refused before inference (rate limits, bad payloads).
const (
	authFailureShare      = 0.0004
	rejectedShareOfErrors = 0.35
)

// ServedVersions splits each window's predictions between the versions
// that made them, as an inference store's model_version column would.
func (f *Fleet) ServedVersions(ctx context.Context, model string, windows []sources.Window) ([][]sources.VersionUse, error) {
	p, err := lookup(model)
	if err != nil {
		return nil, err
	}
	if err := f.checkRows(windows); err != nil {
		return nil, err
	}
	anchor := anchorOf(f.now())
	out := make([][]sources.VersionUse, len(windows))
	for i, w := range windows {
		byVersion := map[string]float64{}
		var order []string
		err := f.eachBucket(ctx, p, w, func(mid time.Time, rows int64) {
			for _, s := range servingShares(p, mid, anchor) {
				if _, ok := byVersion[s.version]; !ok {
					order = append(order, s.version)
				}
				byVersion[s.version] += float64(rows) * s.share
			}
		})
		if err != nil {
			return nil, err
		}
		for _, v := range order {
			if byVersion[v] > 0 {
				out[i] = append(out[i], sources.VersionUse{Version: v, Predictions: byVersion[v]})
			}
		}
	}
	return out, nil
}

// AuditTrail counts each window's logged predictions and those logged
// without something an audit needs.
func (f *Fleet) AuditTrail(ctx context.Context, model string, windows []sources.Window) ([]sources.AuditCounts, error) {
	p, err := lookup(model)
	if err != nil {
		return nil, err
	}
	if err := f.checkRows(windows); err != nil {
		return nil, err
	}
	out := make([]sources.AuditCounts, len(windows))
	for i, w := range windows {
		err := f.eachBucket(ctx, p, w, func(mid time.Time, rows int64) {
			c := &out[i]
			c.Predictions += rows
			if p.spec.ID == CustomerAIAssistant {
				share := assistantMissingInputs + assistantMissingInputsSpread*uniform(p.seed, mid.Truncate(time.Hour).Unix(), chAuditGap)
				c.MissingInputs += int64(math.Round(float64(rows) * share))
			}
		})
		if err != nil {
			return nil, err
		}
		out[i].Complete = out[i].Predictions - out[i].MissingInputs
	}
	return out, nil
}

// Retention reports the store's oldest prediction (the start of the demo's
// history) and the rows older than the cutoff.
func (f *Fleet) Retention(ctx context.Context, model string, cutoff time.Time) (sources.RetentionFacts, error) {
	p, err := lookup(model)
	if err != nil {
		return sources.RetentionFacts{}, err
	}
	now := f.now()
	start := historyStart(anchorOf(now))
	var facts sources.RetentionFacts
	// The oldest row is in the history's first hour that has any.
	for day := start; facts.Oldest.IsZero() && day.Before(now); day = day.Add(oneDay) {
		err = f.eachBucket(ctx, p, sources.Window{From: day, To: earlier(day.Add(oneDay), now)}, func(mid time.Time, rows int64) {
			if facts.Oldest.IsZero() && rows > 0 {
				facts.Oldest = mid.Truncate(time.Hour)
			}
		})
		if err != nil {
			return facts, err
		}
	}
	if facts.Rows, err = f.countRows(ctx, p, sources.Window{From: start, To: now}); err != nil || !cutoff.After(start) {
		return facts, err
	}
	facts.RowsOlder, err = f.countRows(ctx, p, sources.Window{From: start, To: earlier(cutoff, now)})
	return facts, err
}

// Access classifies each window's requests by status: authentication
// failures and requests rejected before inference.
func (f *Fleet) Access(ctx context.Context, model string, windows []sources.Window) ([]sources.AccessCounts, error) {
	p, err := lookup(model)
	if err != nil {
		return nil, err
	}
	if err := checkWindows(windows, time.Minute, maxMinutesPerCall, "minutes of telemetry"); err != nil {
		return nil, err
	}
	now := f.now()
	anchor := anchorOf(now)
	out := make([]sources.AccessCounts, len(windows))
	simulated := 0
	for i, w := range windows {
		from, to := f.minutesOf(w, now, anchor)
		disruptions := p.disruptions(from, to)
		for t := from; t.Before(to); t = t.Add(time.Minute) {
			if simulated++; simulated%ctxCheckMinutes == 0 {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
			}
			m := p.minute(t, anchor, activeDisruption(disruptions, t))
			key := t.Unix() / 60
			out[i].Requests += m.requests
			out[i].AuthFailures += math.Floor(m.requests*authFailureShare*math.Exp(0.5*gaussian(p.seed, key, chAuthFailures)) + uniform(p.seed, key, chAuthFailures+1))
			out[i].Rejected += math.Floor(m.errors*rejectedShareOfErrors + uniform(p.seed, key, chRejected))
		}
	}
	return out, ctx.Err()
}

// eachBucket calls visit with the midpoint and prediction count of every
// hour bucket's part inside w: whole buckets counted from their size, the
// clipped ones at the window's ends by walking their rows.
func (f *Fleet) eachBucket(ctx context.Context, p *profile, w sources.Window, visit func(mid time.Time, rows int64)) error {
	now := f.now()
	anchor := anchorOf(now)
	to := earlier(w.To, now)
	first := w.From.UTC().Truncate(time.Hour)
	if start := historyStart(anchor); first.Before(start) {
		first = start
	}
	row := &engine.Row{
		Num: make([]float64, len(p.spec.Schema.Numeric)), Cat: make([]string, len(p.spec.Schema.Categorical)), Sens: make([]string, len(p.spec.Schema.Sensitive)),
	}
	n := 0
	for bucket := first; bucket.Before(to); bucket = bucket.Add(time.Hour) {
		if n++; n%ctxCheckEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		end := bucket.Add(time.Hour)
		if !bucket.Before(w.From) && !end.After(to) {
			visit(bucket.Add(30*time.Minute), int64(f.bucketSize(bucketRand(p.seed, bucket.Unix()), bucket)))
			continue
		}
		var rows int64
		from := later(bucket, w.From)
		err := f.bucketRows(p, bucket, from, to, now, anchor, row, func(time.Time, *engine.Row) error {
			rows++
			return nil
		})
		if err != nil {
			return err
		}
		visit(from.Add(earlier(end, to).Sub(from)/2), rows)
	}
	return ctx.Err()
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
