package logstoretest

import (
	"math"
	"slices"
	"sort"

	"github.com/aiperf/monitor/pkg/engine"
)

// ExactBaseline profiles rows in memory the way a SQL store profiles them
// in the database — exact linear-interpolation quantiles (percentile_cont),
// the exact distinct values of discrete columns, categories most frequent
// first — and summarizes them with the bins it fixes. It is the reference
// the stores' baselines are checked against.
func ExactBaseline(schema engine.Schema, rows []engine.Row) (*engine.Baseline, error) {
	var p engine.BaselineProfile
	for i := range schema.Numeric {
		var vs []float64
		for r := range rows {
			if v := rows[r].Num[i]; !math.IsNaN(v) && !math.IsInf(v, 0) {
				vs = append(vs, v)
			}
		}
		p.Numeric = append(p.Numeric, exactStats(vs, engine.BaselineQuantiles, engine.MaxDiscreteValues))
	}
	for i := range schema.Categorical {
		counts := map[string]int{}
		for r := range rows {
			if v := rows[r].Cat[i]; v != "" {
				counts[v]++
			}
		}
		values := make([]string, 0, len(counts))
		for v := range counts {
			values = append(values, v)
		}
		sort.Slice(values, func(a, b int) bool {
			if counts[values[a]] != counts[values[b]] {
				return counts[values[a]] > counts[values[b]]
			}
			return values[a] < values[b]
		})
		p.Categories = append(p.Categories, engine.CategoryStats{Values: values})
	}
	switch schema.Task {
	case engine.TaskBinary:
		var all, pos, neg []float64
		for r := range rows {
			s := rows[r].Score
			if !(s >= 0 && s <= 1) {
				continue
			}
			all = append(all, s)
			switch {
			case !rows[r].Labeled:
			case rows[r].Label >= 0.5:
				pos = append(pos, s)
			default:
				neg = append(neg, s)
			}
		}
		p.Scores = exactStats(all, engine.ScoreQuantiles, engine.MaxDiscreteScores)
		p.PositiveScores = exactStats(pos, engine.LabelScoreQuantiles, engine.MaxDiscreteScores)
		p.NegativeScores = exactStats(neg, engine.LabelScoreQuantiles, engine.MaxDiscreteScores)
	case engine.TaskRegression:
		var vs []float64
		for r := range rows {
			if v := rows[r].Score; !math.IsNaN(v) && !math.IsInf(v, 0) {
				vs = append(vs, v)
			}
		}
		p.Prediction = exactStats(vs, engine.BaselineQuantiles, engine.MaxDiscreteValues)
	}
	b, err := engine.NewBaselineFromProfile(schema, p)
	if err != nil {
		return nil, err
	}
	z := engine.NewSummarizer(b)
	for r := range rows {
		z.Add(&rows[r])
	}
	b.Summary = z.Summary()
	return b, nil
}

// exactStats are the statistics of values as SQL computes them.
func exactStats(values []float64, k, maxValues int) engine.NumericStats {
	st := engine.NumericStats{Count: int64(len(values))}
	if len(values) == 0 {
		return st
	}
	sorted := slices.Sorted(slices.Values(values))
	st.Min, st.Max = sorted[0], sorted[len(sorted)-1]
	var m engine.Moments
	for _, v := range values {
		m.Add(v)
	}
	st.Mean, st.Std = m.Mean, m.Std()
	st.Quantiles = make([]float64, k-1)
	for i := range st.Quantiles {
		st.Quantiles[i] = percentileCont(sorted, float64(i+1)/float64(k))
	}
	st.Q1, st.Q3 = percentileCont(sorted, 0.25), percentileCont(sorted, 0.75)
	if distinct := slices.Compact(slices.Clone(sorted)); len(distinct) <= maxValues {
		st.Values = distinct
	}
	return st
}

// percentileCont is PostgreSQL's percentile_cont: the value at position
// q·(n−1), interpolated linearly between its neighbours.
func percentileCont(sorted []float64, q float64) float64 {
	pos := q * float64(len(sorted)-1)
	lo := math.Floor(pos)
	hi := math.Ceil(pos)
	a, b := sorted[int(lo)], sorted[int(hi)]
	if lo == hi {
		return a
	}
	return a + (b-a)*(pos-lo)
}
