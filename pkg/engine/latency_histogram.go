package engine

import (
	"fmt"
	"math"
	"slices"
)

// LatencyHistogram counts requests by latency, the way Prometheus classic
// histograms do: Bounds are ascending bucket upper bounds in milliseconds
// (the last is +Inf) and Counts[i] the requests in (Bounds[i-1], Bounds[i]].
// Histograms with the same bounds merge by addition, so a window's
// percentiles come from its merged buckets, never from averaging the
// percentiles of its steps (DESIGN.md "Serving").
type LatencyHistogram struct {
	Bounds []float64
	Counts []float64
}

// NewLatencyHistogram returns empty buckets with the given finite upper
// bounds; +Inf is appended.
func NewLatencyHistogram(bounds []float64) LatencyHistogram {
	b := make([]float64, len(bounds)+1)
	copy(b, bounds)
	b[len(bounds)] = math.Inf(1)
	return LatencyHistogram{Bounds: b, Counts: make([]float64, len(b))}
}

// Empty reports whether the histogram has no buckets at all.
func (h LatencyHistogram) Empty() bool { return len(h.Bounds) == 0 }

// Total is the number of requests counted.
func (h LatencyHistogram) Total() float64 {
	var n float64
	for _, c := range h.Counts {
		n += c
	}
	return n
}

// Merge adds o into h. An empty h takes o's bounds (bounds are never
// changed once made, so it shares them).
func (h *LatencyHistogram) Merge(o LatencyHistogram) error {
	if o.Empty() {
		return nil
	}
	if h.Empty() {
		h.Bounds, h.Counts = o.Bounds, make([]float64, len(o.Counts))
	}
	if !slices.Equal(h.Bounds, o.Bounds) {
		return fmt.Errorf("latency histograms have different buckets (%d vs %d bounds): they cannot be merged", len(h.Bounds), len(o.Bounds))
	}
	for i, c := range o.Counts {
		h.Counts[i] += c
	}
	return nil
}

// Quantile estimates the q-quantile (0 < q < 1) as Prometheus's
// histogram_quantile does: find the bucket holding rank q·total and
// interpolate linearly inside it, the first bucket starting at 0; a rank in
// the +Inf bucket returns the highest finite bound. Undefined without requests.
func (h LatencyHistogram) Quantile(q float64) Metric {
	total := h.Total()
	if total <= 0 || q <= 0 || q >= 1 || len(h.Bounds) < 2 {
		return Metric{}
	}
	rank := q * total
	var below float64
	for i, c := range h.Counts {
		if below+c >= rank && c > 0 {
			upper := h.Bounds[i]
			if math.IsInf(upper, 1) {
				return definedMetric(h.Bounds[i-1])
			}
			lower := 0.0
			if i > 0 {
				lower = h.Bounds[i-1]
			}
			return definedMetric(lower + (upper-lower)*(rank-below)/c)
		}
		below += c
	}
	return definedMetric(h.Bounds[len(h.Bounds)-2])
}
