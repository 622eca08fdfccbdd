package prometheus

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strconv"
	"sync"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/fault"
)

// maxParallel bounds the queries one call runs at once.
const maxParallel = 4

// job is one query of a call; it writes its result through the call's lock.
type job func(ctx context.Context) error

// runJobs runs the jobs, at most maxParallel at a time; the first error
// cancels the rest.
func runJobs(ctx context.Context, jobs []job) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	sem := make(chan struct{}, maxParallel)
	var wg sync.WaitGroup
	var once sync.Once
	var first error
	for _, j := range jobs {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			if err := j(ctx); err != nil {
				once.Do(func() { first = err; cancel() })
			}
		}()
	}
	wg.Wait()
	if first != nil {
		return first
	}
	return ctx.Err()
}

// rangeOver runs expr over a grid.
func (c *Connector) rangeOver(ctx context.Context, g grid, expr string) ([]series, error) {
	start, end := g.span()
	return c.client.queryRange(ctx, expr, start, end, g.length)
}

// scalarJob sums the result series at each of the grid's ends and hands
// each window's value to set; windows without a value are left alone.
func (c *Connector) scalarJob(g grid, expr string, mu *sync.Mutex, set func(i int, v float64)) job {
	return func(ctx context.Context) error {
		res, err := c.rangeOver(ctx, g, expr)
		if err != nil {
			return err
		}
		sums := map[int64]float64{}
		seen := map[int64]bool{}
		for _, s := range res {
			for _, p := range s.points {
				sums[p.at.UnixMilli()] += p.value
				seen[p.at.UnixMilli()] = true
			}
		}
		mu.Lock()
		defer mu.Unlock()
		for k, end := range g.ends {
			if at := end.UnixMilli(); seen[at] {
				set(g.index[k], sums[at])
			}
		}
		return nil
	}
}

// bucketJob reads the cumulative le buckets at each end as a histogram
// whose bounds are scaled into ms.
func (c *Connector) bucketJob(g grid, expr string, scale float64, mu *sync.Mutex, set func(i int, h engine.LatencyHistogram)) job {
	return func(ctx context.Context) error {
		res, err := c.rangeOver(ctx, g, expr)
		if err != nil {
			return err
		}
		cumulative := map[int64]map[float64]float64{}
		for _, s := range res {
			le, ok := s.labels["le"]
			if !ok {
				return fault.Userf("the latency query returned a series without an le label (%v): a custom query for a distribution must return its buckets by le, e.g. sum by (le) (increase(x_bucket{${filter}}[${window}]))", s.labels)
			}
			bound, err := strconv.ParseFloat(le, 64)
			if err != nil {
				return fault.Downstream(fmt.Errorf("a bucket has the bound le=%s, not a number", fault.Echo(le)))
			}
			for _, p := range s.points {
				at := p.at.UnixMilli()
				if cumulative[at] == nil {
					cumulative[at] = map[float64]float64{}
				}
				cumulative[at][bound] += p.value
			}
		}
		mu.Lock()
		defer mu.Unlock()
		for k, end := range g.ends {
			if buckets, ok := cumulative[end.UnixMilli()]; ok {
				set(g.index[k], histogramOf(buckets, scale))
			}
		}
		return nil
	}
}

// histogramOf turns cumulative bucket counts into the engine's per-bucket
// counts; a count below its predecessor (a reset mid-window) counts 0.
func histogramOf(cumulative map[float64]float64, scale float64) engine.LatencyHistogram {
	bounds := make([]float64, 0, len(cumulative))
	for b := range cumulative {
		bounds = append(bounds, b)
	}
	sort.Float64s(bounds)
	if len(bounds) == 0 || !math.IsInf(bounds[len(bounds)-1], 1) {
		bounds = append(bounds, math.Inf(1)) // no +Inf bucket: nothing above the last bound
	}
	h := engine.LatencyHistogram{Bounds: make([]float64, len(bounds)), Counts: make([]float64, len(bounds))}
	below := 0.0
	for i, b := range bounds {
		h.Bounds[i] = b * scale
		c, ok := cumulative[b]
		if !ok {
			c = below
		}
		h.Counts[i] = math.Max(0, c-below)
		below = math.Max(below, c)
	}
	return h
}
