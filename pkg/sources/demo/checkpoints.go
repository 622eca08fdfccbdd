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
// rows of a window from its start up to an hour boundary summarize the same
// way on every call of the day, as long as they are all labelled (before
// the label cut-off) or all unlabelled (the window starts after it). The
// fleet keeps such summaries, checkpoints, and resumes the longest one a
// window starts with, adding only the rows after it: rows add one at a
// time, so the result is exactly the summary of walking them all. A day's
// window resumes from its first twelve hours another query summarized, an
// open window from its last whole hour, an unlabelled one is kept whole;
// ranges of every step share their rows' work instead of simulating the
// same hours again.

// checkpointEntries bounds the checkpoints: the windows of a month of every
// model at a few steps. A whole window's checkpoint is the summary the
// caching decorator keeps too, not a copy.
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

// prefixLengths are the checkpoints a window may start with besides its
// own: the lengths of the windows queries cut (every step from an hour).
var prefixLengths = []time.Duration{7 * oneDay, oneDay, 12 * time.Hour, 6 * time.Hour, 3 * time.Hour, 2 * time.Hour, time.Hour}

// settledUntil is the hour boundary up to which the rows of w summarize the
// same way all day, and whether they are labelled; ok is false when there
// is no such hour: w starts off the hour (a range's clipped first window,
// never asked for again) or its first hour is not over.
func settledUntil(p *profile, w sources.Window, now time.Time) (at time.Time, labeled, ok bool) {
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
	return at, labeled, at.After(w.From)
}

// summarize is the summary of w's rows as of now, resumed from the longest
// checkpoint it starts with; it keeps the checkpoint of w's settled rows.
func (f *Fleet) summarize(ctx context.Context, p *profile, b *engine.Baseline, w sources.Window, now time.Time) (*engine.Summary, error) {
	at, labeled, ok := settledUntil(p, w, now)
	if !ok {
		s := engine.NewSummarizer(b)
		if err := f.summarizeRows(ctx, p, s, w.From, w.To, now); err != nil {
			return nil, err
		}
		return s.Summary(), nil
	}
	end := earlier(w.To, now)
	key := func(t time.Time) checkpointKey {
		return checkpointKey{model: p.spec.ID, baseline: b, anchor: anchorOf(now).Unix(), from: w.From.UnixNano(), at: t.UnixNano(), labeled: labeled}
	}
	s, from := engine.NewSummarizer(b), w.From
	for _, t := range checkpointsOf(w.From, at) {
		if kept, found := f.checkpoints.Get(key(t)); found {
			if !t.Before(end) {
				return kept, nil
			}
			s, from = engine.ResumeSummarizer(b, kept.Clone()), t
			break
		}
	}
	if from.Before(at) {
		if err := f.summarizeRows(ctx, p, s, from, at, now); err != nil {
			return nil, err
		}
		kept := s.Summary()
		f.checkpoints.Add(key(at), kept)
		if !at.Before(end) {
			return kept, nil
		}
		s, from = engine.ResumeSummarizer(b, kept.Clone()), at
	}
	if err := f.summarizeRows(ctx, p, s, from, w.To, now); err != nil {
		return nil, err
	}
	return s.Summary(), nil
}

// checkpointsOf are the ends of the checkpoints a window from from whose
// rows are settled until at may start with, longest first.
func checkpointsOf(from, at time.Time) []time.Time {
	out := []time.Time{at}
	for _, l := range prefixLengths {
		if t := from.Add(l); t.Before(at) {
			out = append(out, t)
		}
	}
	return out
}
