package demo

import (
	"context"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/aiperf/monitor/pkg/sources"
)

// An hour bucket's size is a pure function of the model and the hour, so a
// whole day's prediction count never changes: retention facts add up kept
// day totals instead of drawing every bucket of the fleet's history.

// dayCountEntries bounds the kept day totals: the history of every model.
const dayCountEntries = 4096

type dayKey struct {
	model string
	day   int64
}

func newDayCounts() *lru.Cache[dayKey, int64] {
	c, _ := lru.New[dayKey, int64](dayCountEntries)
	return c
}

// countRows is how many rows the model holds in w as of now: kept totals
// for whole days inside the history, buckets and rows for the rest.
func (f *Fleet) countRows(ctx context.Context, p *profile, w sources.Window) (int64, error) {
	start := historyStart(anchorOf(f.now()))
	to := earlier(w.To, f.now())
	var total int64
	for from := w.From; from.Before(to); {
		day := from.Truncate(oneDay)
		next := day.Add(oneDay)
		if day.Equal(from) && !next.After(to) && !day.Before(start) {
			total += f.dayRows(p, day)
			from = next
			continue
		}
		end := earlier(next, to)
		err := f.eachBucket(ctx, p, sources.Window{From: from, To: end}, func(_ time.Time, rows int64) { total += rows })
		if err != nil {
			return 0, err
		}
		from = end
	}
	return total, ctx.Err()
}

// dayRows is the number of rows of a whole day inside the history.
func (f *Fleet) dayRows(p *profile, day time.Time) int64 {
	key := dayKey{p.spec.ID, day.Unix()}
	if n, ok := f.dayCounts.Get(key); ok {
		return n
	}
	var n int64
	for bucket := day; bucket.Before(day.Add(oneDay)); bucket = bucket.Add(time.Hour) {
		n += int64(f.bucketSize(bucketRand(p.seed, bucket.Unix()), bucket))
	}
	f.dayCounts.Add(key, n)
	return n
}
