package cache

import (
	"context"
	"time"

	"github.com/hashicorp/golang-lru/v2/expirable"

	"github.com/aiperf/monitor/pkg/sources"
)

// billTTL is how long a billed day is trusted: providers revise recent
// charges for a day or two, so days are re-read now and then.
const billTTL = time.Hour

const day = 24 * time.Hour

type billing struct {
	src  sources.BillingSource
	now  func() time.Time
	days *expirable.LRU[int64, []sources.CostRecord]
}

// Billing caches a billing source by closed UTC day: a query asks the source
// only for the days it has not seen lately, in contiguous spans.
func Billing(src sources.BillingSource, opts Options) sources.BillingSource {
	opts = opts.withDefaults()
	return &billing{src: src, now: opts.Now, days: expirable.NewLRU[int64, []sources.CostRecord](opts.Entries, nil, billTTL)}
}

func (c *billing) DailyCosts(ctx context.Context, from, to time.Time) ([]sources.CostRecord, error) {
	first, end := from.UTC().Truncate(day), to.UTC()
	today := c.now().UTC().Truncate(day)
	var out []sources.CostRecord
	var spanStart time.Time
	flush := func(spanEnd time.Time) error {
		if spanStart.IsZero() {
			return nil
		}
		records, err := c.src.DailyCosts(ctx, spanStart, spanEnd)
		if err != nil {
			return err
		}
		byDay := map[int64][]sources.CostRecord{}
		for _, r := range records {
			byDay[r.Day.Unix()] = append(byDay[r.Day.Unix()], r)
		}
		for d := spanStart; d.Before(spanEnd); d = d.Add(day) {
			if d.Before(today) {
				c.days.Add(d.Unix(), byDay[d.Unix()])
			}
		}
		out = append(out, records...)
		spanStart = time.Time{}
		return nil
	}
	for d := first; d.Before(end); d = d.Add(day) {
		if records, ok := c.days.Get(d.Unix()); ok {
			if err := flush(d); err != nil {
				return nil, err
			}
			out = append(out, records...)
			continue
		}
		if spanStart.IsZero() {
			spanStart = d
		}
	}
	if err := flush(end); err != nil {
		return nil, err
	}
	return out, nil
}
