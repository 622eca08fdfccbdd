package engine

import (
	"errors"
	"fmt"
	"math"
	"sort"
)

// Baseline bins come from 100 quantiles so KS and Wasserstein computed from
// bins stay close to the exact statistics; PSI regroups them into deciles.
const baselineQuantiles = 100

// MaxCategories is how many of a categorical feature's most frequent baseline
// values are counted one by one; the rest count as unseen ("other").
const MaxCategories = 50

// NumericProfile is what the baseline fixes for one numeric feature.
type NumericProfile struct {
	Name                string
	Edges               []float64 // ascending, distinct inner bin edges
	Min, Max            float64   // baseline range
	ValidLow, ValidHigh float64   // the range widened by 10% (validity)
	FenceLow, FenceHigh float64   // Q1 − 3·IQR, Q3 + 3·IQR (outliers)
	Mean, Std           float64   // population std (ddof = 0)
}

// CategoricalProfile lists a categorical feature's known categories.
type CategoricalProfile struct {
	Name       string
	Categories []string // most frequent first
	index      map[string]int
}

// Baseline is the reference every window is compared with: bin edges,
// ranges, categories and the baseline window's own summary.
type Baseline struct {
	Schema      Schema
	Numeric     []NumericProfile
	Categorical []CategoricalProfile
	Prediction  NumericProfile // regression predictions
	Summary     *Summary
}

// NewBaseline profiles the baseline rows and summarizes them with the result.
func NewBaseline(schema Schema, rows []Row) (*Baseline, error) {
	if err := checkSchema(schema); err != nil {
		return nil, err
	}
	if schema.Threshold == 0 {
		schema.Threshold = 0.5
	}
	b := &Baseline{Schema: schema}
	values := make([]float64, 0, len(rows))
	for i, name := range schema.Numeric {
		values = values[:0]
		for r := range rows {
			if v := rows[r].Num[i]; !math.IsNaN(v) && !math.IsInf(v, 0) {
				values = append(values, v)
			}
		}
		b.Numeric = append(b.Numeric, profileNumeric(name, values))
	}
	for i, name := range schema.Categorical {
		counts := map[string]int64{}
		for r := range rows {
			if v := rows[r].Cat[i]; v != "" {
				counts[v]++
			}
		}
		b.Categorical = append(b.Categorical, profileCategorical(name, counts))
	}
	if schema.Task == TaskRegression {
		values = values[:0]
		for r := range rows {
			if v := rows[r].Score; !math.IsNaN(v) && !math.IsInf(v, 0) {
				values = append(values, v)
			}
		}
		b.Prediction = profileNumeric("prediction", values)
	}
	s := NewSummarizer(b)
	for r := range rows {
		s.Add(&rows[r])
	}
	b.Summary = s.Summary()
	return b, nil
}

func checkSchema(s Schema) error {
	switch s.Task {
	case TaskBinary, TaskRegression:
	case TaskMulticlass:
		if len(s.Classes) < 2 {
			return errors.New("a multiclass schema needs at least two classes")
		}
	default:
		return fmt.Errorf("unknown task %q: use binary, multiclass or regression", s.Task)
	}
	return nil
}

func profileNumeric(name string, values []float64) NumericProfile {
	p := NumericProfile{Name: name}
	if len(values) == 0 {
		return p
	}
	sort.Float64s(values)
	for q := 1; q < baselineQuantiles; q++ {
		e := quantileSorted(values, float64(q)/baselineQuantiles)
		if len(p.Edges) == 0 || e > p.Edges[len(p.Edges)-1] {
			p.Edges = append(p.Edges, e)
		}
	}
	p.Min, p.Max = values[0], values[len(values)-1]
	pad := 0.1 * (p.Max - p.Min)
	p.ValidLow, p.ValidHigh = p.Min-pad, p.Max+pad
	q1, q3 := quantileSorted(values, 0.25), quantileSorted(values, 0.75)
	p.FenceLow, p.FenceHigh = q1-3*(q3-q1), q3+3*(q3-q1)
	var sum, sumSq float64
	for _, v := range values {
		sum += v
	}
	p.Mean = sum / float64(len(values))
	for _, v := range values {
		sumSq += (v - p.Mean) * (v - p.Mean)
	}
	p.Std = math.Sqrt(sumSq / float64(len(values)))
	return p
}

// quantileSorted is numpy's default (linear) quantile of sorted values.
func quantileSorted(sorted []float64, q float64) float64 {
	pos := q * float64(len(sorted)-1)
	lo := int(math.Floor(pos))
	if lo+1 >= len(sorted) {
		return sorted[len(sorted)-1]
	}
	return sorted[lo] + (pos-float64(lo))*(sorted[lo+1]-sorted[lo])
}

func profileCategorical(name string, counts map[string]int64) CategoricalProfile {
	cats := make([]string, 0, len(counts))
	for c := range counts {
		cats = append(cats, c)
	}
	sort.Slice(cats, func(i, j int) bool {
		if counts[cats[i]] != counts[cats[j]] {
			return counts[cats[i]] > counts[cats[j]]
		}
		return cats[i] < cats[j]
	})
	if len(cats) > MaxCategories {
		cats = cats[:MaxCategories]
	}
	return newCategoricalProfile(name, cats)
}

func newCategoricalProfile(name string, cats []string) CategoricalProfile {
	p := CategoricalProfile{Name: name, Categories: cats, index: make(map[string]int, len(cats))}
	for i, c := range cats {
		p.index[c] = i
	}
	return p
}

// BaselineProfile is a baseline computed elsewhere (percentiles and category
// counts pushed down into a database): per-feature percentiles 1..99,
// min/max, quartiles, mean and std, categories, and the baseline summary.
type BaselineProfile struct {
	Numeric    []NumericProfile
	Categories [][]string // aligned with Schema.Categorical
	Prediction NumericProfile
	Summary    *Summary
}

// NewBaselineFromProfile builds a baseline from a precomputed profile.
func NewBaselineFromProfile(schema Schema, p BaselineProfile) (*Baseline, error) {
	if err := checkSchema(schema); err != nil {
		return nil, err
	}
	if len(p.Numeric) != len(schema.Numeric) || len(p.Categories) != len(schema.Categorical) {
		return nil, fmt.Errorf("the profile has %d numeric and %d categorical features, the schema %d and %d",
			len(p.Numeric), len(p.Categories), len(schema.Numeric), len(schema.Categorical))
	}
	if schema.Threshold == 0 {
		schema.Threshold = 0.5
	}
	b := &Baseline{Schema: schema, Numeric: p.Numeric, Prediction: p.Prediction, Summary: p.Summary}
	for i, cats := range p.Categories {
		b.Categorical = append(b.Categorical, newCategoricalProfile(schema.Categorical[i], cats))
	}
	if b.Summary == nil {
		b.Summary = newSummary(b)
	}
	return b, nil
}
