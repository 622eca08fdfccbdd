package engine

import "math"

// Moments are a count, mean and sum of squared deviations (M2), updated with
// Welford's method and merged with Chan's formula. Unlike Σx and Σx², they
// keep their precision when the values sit far from zero (1e7 ± 1), and two
// windows' moments still merge into the moments of both.
type Moments struct {
	N    int64
	Mean float64
	M2   float64 // Σ(x − mean)²
}

// Add counts one value.
func (m *Moments) Add(x float64) {
	m.N++
	d := x - m.Mean
	m.Mean += d / float64(m.N)
	m.M2 += d * (x - m.Mean)
}

// Merge adds o's values (Chan et al., parallel variance).
func (m *Moments) Merge(o Moments) {
	if o.N == 0 {
		return
	}
	if m.N == 0 {
		*m = o
		return
	}
	n := float64(m.N + o.N)
	d := o.Mean - m.Mean
	m.M2 += o.M2 + d*d*float64(m.N)*float64(o.N)/n
	m.Mean += d * float64(o.N) / n
	m.N += o.N
}

// Std is the population standard deviation (ddof = 0, as numpy's std).
func (m Moments) Std() float64 {
	if m.N == 0 {
		return 0
	}
	return math.Sqrt(math.Max(0, m.M2/float64(m.N)))
}
