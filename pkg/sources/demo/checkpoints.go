package demo

import (
	"context"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/sources"
)

// A demo row is a pure function of its model, hour bucket and the anchor,
// and is labelled once it is older than the model's label delay. So the
// first rows of a window that is not final yet summarize the same way on
// every call of the day, as long as they are all labelled (before the
// label cut-off) or all unlabelled (the window starts after it). The fleet
// keeps that summary, a checkpoint at an hour boundary, and resumes it with
// the window's remaining rows: rows add one at a time, so the result is
// exactly the summary of walking them all. The caching decorator keeps the
// final windows; checkpoints keep the open and unlabelled windows at the
// end of every range from being simulated again on each query.

// checkpointEntries bounds the checkpoints: the unlabelled days of every
// model at every model step several times over.
const checkpointEntries = 4096

type checkpointKey struct {
	model    string
	baseline *engine.Baseline
	anchor   int64
	from, at int64
	labeled  bool
}

func newCheckpoints() *lru.Cache[checkpointKey, *engine.Summary] {
	c, _ := lru.New[checkpointKey, *engine.Summary](checkpointEntries)
	return c
}

// checkpointOf is the hour boundary up to which the rows of w summarize the
// same way all day, and whether they are labelled; ok is false when there is
// none worth keeping: w starts off the hour (a range's clipped first window,
// never asked for again), its first hour is not over, or w is final (the
// caching decorator keeps those).
func checkpointOf(p *profile, w sources.Window, now time.Time) (at time.Time, labeled, ok bool) {
	end := earlier(w.To, now)
	if !w.From.Truncate(time.Hour).Equal(w.From) || !end.After(w.From) {
		return time.Time{}, false, false
	}
	cutoff := now.Add(-p.spec.LabelDelay) // rows at or before it are labelled
	limit := end
	if labeled = !w.From.After(cutoff); labeled {
		limit = earlier(end, cutoff)
	}
	at = limit.Truncate(time.Hour)
	if labeled && at.Equal(w.To) {
		return time.Time{}, false, false
	}
	return at, labeled, at.After(w.From)
}

// summarize is the summary of w's rows as of now, resumed from the window's
// checkpoint when it has one.
func (f *Fleet) summarize(ctx context.Context, p *profile, b *engine.Baseline, w sources.Window, now time.Time) (*engine.Summary, error) {
	at, labeled, ok := checkpointOf(p, w, now)
	if !ok {
		s := engine.NewSummarizer(b)
		if err := f.summarizeRows(ctx, p, s, w.From, w.To, now); err != nil {
			return nil, err
		}
		return s.Summary(), nil
	}
	key := checkpointKey{model: p.spec.ID, baseline: b, anchor: anchorOf(now).Unix(), from: w.From.UnixNano(), at: at.UnixNano(), labeled: labeled}
	first, found := f.checkpoints.Get(key)
	if !found {
		s := engine.NewSummarizer(b)
		if err := f.summarizeRows(ctx, p, s, w.From, at, now); err != nil {
			return nil, err
		}
		first = s.Summary()
		f.checkpoints.Add(key, first)
	}
	if !at.Before(earlier(w.To, now)) {
		return first, nil
	}
	s := engine.ResumeSummarizer(b, first.Clone())
	if err := f.summarizeRows(ctx, p, s, at, w.To, now); err != nil {
		return nil, err
	}
	return s.Summary(), nil
}
