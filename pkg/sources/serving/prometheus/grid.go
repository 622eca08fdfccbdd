package prometheus

import (
	"sort"
	"time"

	"github.com/aiperf/monitor/pkg/sources"
)

// maxSteps bounds the points of one query_range (Prometheus refuses more
// than 11,000 per series).
const maxSteps = 10000

// grid is windows of one length whose ends lie on one step grid: a single
// query_range with step = length evaluates increase(x[length]) at each end.
type grid struct {
	length time.Duration
	ends   []time.Time // ascending
	index  []int       // the window each end belongs to
}

// gridsOf groups windows, clipped to now, into grids: one per distinct
// length and phase, split where one would exceed maxSteps. Aligned blocks
// of one length share a phase, so the cache's blocks of a day take one
// query per length, not one per window. Windows that end up empty are
// left out (they stay unmeasured).
func gridsOf(windows []sources.Window, now time.Time) []grid {
	type key struct {
		length time.Duration
		phase  int64
	}
	groups := map[key]*grid{}
	var order []key
	for i, w := range windows {
		to := w.To
		if to.After(now) {
			to = now.Truncate(time.Second)
		}
		length := to.Sub(w.From)
		if length < time.Second {
			continue
		}
		k := key{length, to.UnixMilli() % length.Milliseconds()}
		g, ok := groups[k]
		if !ok {
			g = &grid{length: length}
			groups[k] = g
			order = append(order, k)
		}
		g.ends, g.index = append(g.ends, to), append(g.index, i)
	}
	var out []grid
	for _, k := range order {
		out = append(out, splitGrid(*groups[k])...)
	}
	return out
}

// splitGrid sorts a grid's ends and cuts it where a query would exceed maxSteps.
func splitGrid(g grid) []grid {
	idx := make([]int, len(g.ends))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return g.ends[idx[a]].Before(g.ends[idx[b]]) })
	var out []grid
	cur := grid{length: g.length}
	for _, i := range idx {
		if len(cur.ends) > 0 && g.ends[i].Sub(cur.ends[0])/g.length >= maxSteps {
			out = append(out, cur)
			cur = grid{length: g.length}
		}
		cur.ends, cur.index = append(cur.ends, g.ends[i]), append(cur.index, g.index[i])
	}
	return append(out, cur)
}

// span is the first and last evaluation time.
func (g grid) span() (time.Time, time.Time) { return g.ends[0], g.ends[len(g.ends)-1] }
