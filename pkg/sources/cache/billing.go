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
	src      sources.BillingSource
	now      func() time.Time
	days     *expirable.LRU[int64, []sources.CostRecord]
	fetching *pending[int64, []sources.CostRecord]
}

// Billing caches a billing source by closed UTC day: a query asks the source
// only for the days it has not seen lately, in contiguous spans, and waits
// for the days a concurrent query is already reading.
func Billing(src sources.BillingSource, opts Options) sources.BillingSource {
	opts = opts.withDefaults()
	return &billing{src: src, now: opts.Now, days: expirable.NewLRU[int64, []sources.CostRecord](opts.Entries, nil, billTTL),
		fetching: newPending[int64, []sources.CostRecord]()}
}

func (c *billing) DailyCosts(ctx context.Context, from, to time.Time) ([]sources.CostRecord, error) {
	first, end := from.UTC().Truncate(day), to.UTC()
	today := c.now().UTC().Truncate(day)
	var keys []int64
	var at []int
	var byDay [][]sources.CostRecord
	for d := first; d.Before(end); d = d.Add(day) {
		if records, ok := c.days.Get(d.Unix()); ok {
			byDay = append(byDay, records)
			continue
		}
		keys, at, byDay = append(keys, d.Unix()), append(at, len(byDay)), append(byDay, nil)
	}
	if len(keys) > 0 {
		fetched, err := c.fetching.do(ctx, keys, func(bctx context.Context, places []int) ([][]sources.CostRecord, error) {
			return c.readDays(bctx, keys, places, end, today)
		})
		if err != nil {
			return nil, err
		}
		for k, records := range fetched {
			byDay[at[k]] = records
		}
	}
	var out []sources.CostRecord
	for _, records := range byDay {
		out = append(out, records...)
	}
	return out, nil
}

// readDays reads the days keys[places] from the source, one call per
// contiguous span ending at the next day or end, and keeps the closed ones.
func (c *billing) readDays(ctx context.Context, keys []int64, places []int, end, today time.Time) ([][]sources.CostRecord, error) {
	values := make([][]sources.CostRecord, len(places))
	for start := 0; start < len(places); {
		stop := start + 1
		for stop < len(places) && keys[places[stop]] == keys[places[stop-1]]+int64(day/time.Second) {
			stop++
		}
		from := time.Unix(keys[places[start]], 0).UTC()
		to := from.Add(time.Duration(stop-start) * day)
		if end.Before(to) {
			to = end
		}
		records, err := c.src.DailyCosts(ctx, from, to)
		if err != nil {
			return nil, err
		}
		byDay := map[int64][]sources.CostRecord{}
		for _, r := range records {
			byDay[r.Day.Unix()] = append(byDay[r.Day.Unix()], r)
		}
		for k := start; k < stop; k++ {
			key := keys[places[k]]
			values[k] = byDay[key]
			if time.Unix(key, 0).Before(today) {
				c.days.Add(key, values[k])
			}
		}
		start = stop
	}
	return values, nil
}
