package engine

import (
	"math"
	"sort"
)

// madScale makes the MAD a consistent estimator of the standard deviation
// for normal data (1/Φ⁻¹(3/4)).
const madScale = 1.4826

// AnomalyFlags marks values whose robust z-score against the preceding
// window of values (median and MAD) exceeds threshold (3.5 is the usual cut).
// The first window values are never flagged: there is nothing to compare with.
func AnomalyFlags(values []float64, window int, threshold float64) []bool {
	flags := make([]bool, len(values))
	if window < 3 {
		return flags
	}
	buf := make([]float64, 0, window)
	for i := window; i < len(values); i++ {
		buf = append(buf[:0], values[i-window:i]...)
		med := median(buf)
		for j := range buf {
			buf[j] = math.Abs(buf[j] - med)
		}
		mad := madScale * median(buf)
		if mad == 0 {
			flags[i] = values[i] != med
			continue
		}
		flags[i] = math.Abs(values[i]-med)/mad > threshold
	}
	return flags
}

// Degradation settings: the latest closed window is compared with the
// DegradationWindow windows before it (a day of hours minus the most recent
// few, so a diurnal swing is part of the spread) at the usual robust cut.
const (
	DegradationWindow = 20
	DegradationZ      = 3.5
)

// Degradation tells whether the last value is a degradation: AnomalyFlags
// flags it against the window values before it and it lies on the bad side
// of their median. 1 when it is, 0 when not, undefined with fewer than
// window+1 values. Callers pass closed windows only: an open window's
// partial value is not compared.
func Degradation(values []float64, window int, higherIsWorse bool) Metric {
	n := len(values)
	if window < 3 || n < window+1 {
		return Metric{}
	}
	recent := values[n-window-1:]
	if !AnomalyFlags(recent, window, DegradationZ)[window] {
		return definedMetric(0)
	}
	med := median(append([]float64(nil), recent[:window]...))
	if worse := recent[window] > med; worse == higherIsWorse {
		return definedMetric(1)
	}
	return definedMetric(0)
}

func median(v []float64) float64 {
	sort.Float64s(v)
	n := len(v)
	if n%2 == 1 {
		return v[n/2]
	}
	return (v[n/2-1] + v[n/2]) / 2
}

// Forecast is a point forecast per future step with a prediction interval.
type Forecast struct {
	Point, Lower, Upper []float64
}

// z95 is the two-sided 95% normal quantile.
const z95 = 1.959963984540054

// HoltForecast extends a series with Holt's linear trend (level smoothing
// alpha, trend smoothing beta) for horizon steps. The 95% interval uses the
// one-step residual std, widened with the horizon as for Holt's model:
// σ_h² = σ²·(1 + Σ_{j<h} α²(1 + jβ)²).
func HoltForecast(values []float64, horizon int, alpha, beta float64) (Forecast, bool) {
	if len(values) < 2 || horizon < 1 {
		return Forecast{}, false
	}
	// The initial trend is the mean slope over the first week of steps, not
	// the first difference alone, which one noisy step would dominate.
	k := min(len(values)-1, 7)
	level, trend := values[0], (values[k]-values[0])/float64(k)
	var sse float64
	for _, y := range values[1:] {
		predicted := level + trend
		sse += (y - predicted) * (y - predicted)
		next := alpha*y + (1-alpha)*(level+trend)
		trend = beta*(next-level) + (1-beta)*trend
		level = next
	}
	sigma := math.Sqrt(sse / float64(len(values)-1))
	f := Forecast{Point: make([]float64, horizon), Lower: make([]float64, horizon), Upper: make([]float64, horizon)}
	spread := 1.0
	for h := 1; h <= horizon; h++ {
		if h > 1 {
			c := alpha * (1 + float64(h-1)*beta)
			spread += c * c
		}
		p := level + float64(h)*trend
		half := z95 * sigma * math.Sqrt(spread)
		f.Point[h-1], f.Lower[h-1], f.Upper[h-1] = p, p-half, p+half
	}
	return f, true
}
