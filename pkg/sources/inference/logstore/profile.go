package logstore

import (
	"fmt"
	"slices"

	"github.com/aiperf/monitor/pkg/engine"
)

// The baseline is profiled where the rows live: per numeric column its
// count, range, mean, population standard deviation, linear-interpolation
// quantiles (SQL's percentile_cont, numpy's default) and, when it has few
// distinct values, the values themselves; per categorical feature its
// values, most frequent first. engine.NewBaselineFromProfile fixes the bins.

// Filter selects the values of a profiled column.
type Filter int

const (
	FilterFinite   Filter = iota // finite values
	FilterScore                  // scores in [0, 1]
	FilterPositive               // scores in [0, 1] of rows labeled positive
	FilterNegative               // scores in [0, 1] of rows labeled negative
)

// Profiled is one numeric column the baseline profiles.
type Profiled struct {
	Column *Column
	Filter Filter
	// Quantiles is k: the column's 1st … (k−1)th k-quantiles are kept.
	Quantiles int
	// MaxValues is the most distinct values the column may have to be
	// binned value by value.
	MaxValues int
}

// ProfiledColumns lists what a model's baseline profiles: each numeric
// feature, then the output (binary: all scores, positives', negatives';
// regression: the predictions).
func (t *Table) ProfiledColumns() []Profiled {
	var out []Profiled
	for i := range t.Numeric {
		out = append(out, Profiled{Column: &t.Numeric[i], Filter: FilterFinite, Quantiles: engine.BaselineQuantiles, MaxValues: engine.MaxDiscreteValues})
	}
	switch t.Schema.Task {
	case engine.TaskBinary:
		out = append(out,
			Profiled{Column: t.Output, Filter: FilterScore, Quantiles: engine.ScoreQuantiles, MaxValues: engine.MaxDiscreteScores},
			Profiled{Column: t.Output, Filter: FilterPositive, Quantiles: engine.LabelScoreQuantiles, MaxValues: engine.MaxDiscreteScores},
			Profiled{Column: t.Output, Filter: FilterNegative, Quantiles: engine.LabelScoreQuantiles, MaxValues: engine.MaxDiscreteScores})
	case engine.TaskRegression:
		out = append(out, Profiled{Column: t.Output, Filter: FilterFinite, Quantiles: engine.BaselineQuantiles, MaxValues: engine.MaxDiscreteValues})
	}
	return out
}

// Fractions are the quantile levels the profile query computes for every
// column: all k-quantiles of every k in use, and the quartiles. Each level
// is i/k computed as the engine computes it.
func Fractions() []float64 {
	var out []float64
	for _, k := range []int{engine.BaselineQuantiles, engine.ScoreQuantiles, engine.LabelScoreQuantiles} {
		for i := 1; i < k; i++ {
			out = append(out, float64(i)/float64(k))
		}
	}
	out = append(out, 0.25, 0.75)
	slices.Sort(out)
	return slices.Compact(out)
}

// ColumnProfile is what the store measured of one profiled column.
type ColumnProfile struct {
	Count               int64
	Min, Max, Mean, Std float64
	Quantiles           []float64 // at Fractions()
	Distinct            int64
	Values              []float64 // ascending, when Distinct ≤ MaxValues
}

// stats turns a measured column into the engine's statistics.
func (c ColumnProfile) stats(p Profiled) (engine.NumericStats, error) {
	st := engine.NumericStats{Count: c.Count, Min: c.Min, Max: c.Max, Mean: c.Mean, Std: c.Std}
	if c.Count == 0 {
		return st, nil
	}
	fr := Fractions()
	if len(c.Quantiles) != len(fr) {
		return st, fmt.Errorf("the profile of %s has %d quantiles, %d were asked for", p.Column.Name, len(c.Quantiles), len(fr))
	}
	at := func(q float64) float64 {
		i, _ := slices.BinarySearch(fr, q)
		return c.Quantiles[i]
	}
	st.Quantiles = make([]float64, p.Quantiles-1)
	for i := range st.Quantiles {
		st.Quantiles[i] = at(float64(i+1) / float64(p.Quantiles))
	}
	st.Q1, st.Q3 = at(0.25), at(0.75)
	if c.Distinct <= int64(p.MaxValues) {
		if int64(len(c.Values)) != c.Distinct {
			return st, fmt.Errorf("the profile of %s counts %d distinct values but lists %d", p.Column.Name, c.Distinct, len(c.Values))
		}
		st.Values = slices.Clone(c.Values)
		slices.Sort(st.Values)
	}
	return st, nil
}

// CategoryProfile lists a categorical feature's baseline values, most
// frequent first (ties by value), at most MaxKnownCategories of them.
type CategoryProfile struct {
	Values    []string
	Truncated bool // the feature had more values than MaxKnownCategories
}

// NewBaseline builds the model's baseline from the measured profile; its
// summary is empty until the store summarizes the reference window with it.
func NewBaseline(t *Table, columns []ColumnProfile, categories []CategoryProfile) (*engine.Baseline, error) {
	profiled := t.ProfiledColumns()
	if len(columns) != len(profiled) || len(categories) != len(t.Categorical) {
		return nil, fmt.Errorf("the profile has %d numeric and %d categorical columns, the model %d and %d", len(columns), len(categories), len(profiled), len(t.Categorical))
	}
	var bp engine.BaselineProfile
	stats := make([]engine.NumericStats, len(columns))
	for i, c := range columns {
		st, err := c.stats(profiled[i])
		if err != nil {
			return nil, err
		}
		stats[i] = st
	}
	bp.Numeric = stats[:len(t.Numeric)]
	switch t.Schema.Task {
	case engine.TaskBinary:
		bp.Scores, bp.PositiveScores, bp.NegativeScores = stats[len(t.Numeric)], stats[len(t.Numeric)+1], stats[len(t.Numeric)+2]
	case engine.TaskRegression:
		bp.Prediction = stats[len(t.Numeric)]
	}
	all := make([][]string, len(categories))
	for i, c := range categories {
		bp.Categories = append(bp.Categories, engine.CategoryStats{Values: c.Values, Truncated: c.Truncated})
		all[i] = c.Values
	}
	b, err := engine.NewBaselineFromProfile(t.Schema, bp)
	if err != nil {
		return nil, err
	}
	rememberCategories(b, all)
	return b, nil
}
