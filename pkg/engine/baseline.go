package engine

import (
	"errors"
	"fmt"
	"math"
)

// BaselineQuantiles is the number of quantile steps behind a numeric
// feature's bins: each bin holds about 1% of the baseline, so KS and
// Wasserstein computed from bins stay close to the exact statistics; PSI and
// drift % regroup them into deciles.
const BaselineQuantiles = 100

// MaxDiscreteValues is the most distinct values a numeric column may have to
// be binned value by value (exact KS, Wasserstein, χ² and Z-test).
const MaxDiscreteValues = 50

// MaxDiscreteScores is the most distinct values a binary model's baseline
// scores may have to be binned value by value: rounded scores and the
// leaves of a small tree ensemble then rank with exact ties (AUC and PR-AUC
// exact); the bins stay as many as the quantile bins would be.
const MaxDiscreteScores = 200

// MaxCategories is how many of a categorical feature's most frequent
// baseline values are counted one by one; the other known values share one
// "other" count, and values the baseline never had an "unseen" count.
const MaxCategories = 1000

// MaxKnownCategories is how many distinct baseline values a categorical
// feature may have for validity to be decided; past it, an unseen value may
// be a known one, and validity is undefined.
const MaxKnownCategories = 100_000

// NumericStats is what a baseline needs to know about one numeric column.
// The streaming builder fills it from a sketch; SQL stores compute it where
// the data lives (percentile_cont / quantiles(), SELECT DISTINCT … LIMIT).
type NumericStats struct {
	Count     int64     // finite values
	Quantiles []float64 // the 1st … (k−1)th k-quantiles, ascending (k = BaselineQuantiles; ScoreQuantiles for scores)
	Values    []float64 // every distinct value, ascending, when there are at most MaxDiscreteValues (MaxDiscreteScores for scores); nil otherwise
	Q1, Q3    float64   // quartiles (numpy's linear interpolation)
	Min, Max  float64
	Mean, Std float64 // population std (ddof = 0)
}

// CategoryStats lists a categorical feature's baseline values.
type CategoryStats struct {
	Values    []string // most frequent first
	Truncated bool     // the baseline had more than MaxKnownCategories distinct values
}

// NumericProfile is what the baseline fixes for one numeric feature.
type NumericProfile struct {
	Name                string
	Count               int64     // finite baseline values; 0 leaves range checks undefined
	Edges               []float64 // ascending inner bin edges (see baseline_edges.go)
	Discrete            bool      // every baseline value has its own bin
	Min, Max            float64   // baseline range
	ValidLow, ValidHigh float64   // the range widened by 10% (validity)
	FenceLow, FenceHigh float64   // Q1 − 3·IQR, Q3 + 3·IQR (outliers)
	Mean, Std           float64   // population std (ddof = 0)
	DomainLow           float64   // declared domain (Schema.Domains), −Inf when open
	DomainHigh          float64   // +Inf when open
	index               binIndex  // finds a value's bin (summarizer)
}

// CategoricalProfile lists a categorical feature's known values: the first
// MaxCategories are counted one by one, the rest share the "other" count.
type CategoricalProfile struct {
	Name       string
	Categories []string // counted one by one, most frequent first
	Truncated  bool     // the baseline's values were too many to keep: validity is undefined
	index      map[string]int
	allowed    map[string]bool // declared domain; nil declares none
}

// Baseline is the reference every window is compared with: bin edges,
// ranges, categories and the baseline window's own summary.
type Baseline struct {
	Schema      Schema
	Numeric     []NumericProfile
	Categorical []CategoricalProfile
	ScoreEdges  []float64      // binary: inner edges of the score bins (see scorebins.go)
	Prediction  NumericProfile // regression predictions
	Summary     *Summary
	scoreIndex  binIndex
}

// BaselineProfile is a baseline computed elsewhere: by BaselineBuilder, or
// pushed down into a database. Summary may be nil and filled in later by
// summarizing the baseline rows with the returned Baseline.
type BaselineProfile struct {
	Numeric    []NumericStats  // aligned with Schema.Numeric
	Categories []CategoryStats // aligned with Schema.Categorical
	Scores     NumericStats    // binary scores, with ScoreQuantiles quantiles
	// Scores of the labeled positive and negative rows, with
	// LabelScoreQuantiles quantiles: bins also follow each class, so a
	// rare class still spreads over many bins.
	PositiveScores, NegativeScores NumericStats
	Prediction                     NumericStats // regression predictions
	Summary                        *Summary
}

// NewBaseline profiles the baseline rows and summarizes them with the
// result: one pass through BaselineBuilder, one through the Summarizer. It
// is the streaming path applied to rows the caller already holds.
func NewBaseline(schema Schema, rows []Row) (*Baseline, error) {
	bb, err := NewBaselineBuilder(schema)
	if err != nil {
		return nil, err
	}
	for i := range rows {
		bb.Add(&rows[i])
	}
	b, err := bb.Baseline()
	if err != nil {
		return nil, err
	}
	z := NewSummarizer(b)
	for i := range rows {
		z.Add(&rows[i])
	}
	b.Summary = z.Summary()
	return b, nil
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
	b := &Baseline{Schema: schema, Summary: p.Summary}
	for i, st := range p.Numeric {
		b.Numeric = append(b.Numeric, numericProfile(schema.Numeric[i], st, schema.Domains[schema.Numeric[i]]))
	}
	for i, st := range p.Categories {
		b.Categorical = append(b.Categorical, newCategoricalProfile(schema.Categorical[i], st, schema.Domains[schema.Categorical[i]]))
	}
	switch schema.Task {
	case TaskBinary:
		b.ScoreEdges = scoreEdges(schema.Threshold, p.Scores, p.PositiveScores, p.NegativeScores)
		b.scoreIndex = newBinIndex(b.ScoreEdges)
	case TaskRegression:
		b.Prediction = numericProfile("prediction", p.Prediction, Domain{})
	}
	if b.Summary == nil {
		b.Summary = newSummary(b)
	}
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
	if s.Threshold < 0 || s.Threshold > 1 {
		return fmt.Errorf("decision threshold %g is outside [0, 1]: use a probability", s.Threshold)
	}
	return nil
}

// numericProfile fixes bins and ranges from a column's statistics: value by
// value when the column is discrete, else on its quantiles.
func numericProfile(name string, st NumericStats, d Domain) NumericProfile {
	p := NumericProfile{Name: name, Count: st.Count, DomainLow: math.Inf(-1), DomainHigh: math.Inf(1)}
	if d.Min != nil {
		p.DomainLow = *d.Min
	}
	if d.Max != nil {
		p.DomainHigh = *d.Max
	}
	if st.Count == 0 {
		return p
	}
	if st.Values != nil {
		p.Edges, p.Discrete = pointEdges(st.Values), true
	} else {
		p.Edges = quantileEdges(st.Quantiles)
	}
	p.index = newBinIndex(p.Edges)
	p.Min, p.Max, p.Mean, p.Std = st.Min, st.Max, st.Mean, st.Std
	pad := 0.1 * (p.Max - p.Min)
	p.ValidLow, p.ValidHigh = p.Min-pad, p.Max+pad
	iqr := st.Q3 - st.Q1
	p.FenceLow, p.FenceHigh = st.Q1-3*iqr, st.Q3+3*iqr
	return p
}

// scanCategories is how many categories a value is looked up among by
// comparing strings rather than hashing it, which costs more on few.
const scanCategories = 8

// lookup is the index of a value's bin: its category's, or the "other"
// bin's for the tail; ok is false for a value the baseline never saw.
func (p *CategoricalProfile) lookup(v string) (int, bool) {
	if len(p.index) == len(p.Categories) && len(p.Categories) <= scanCategories {
		for k, c := range p.Categories {
			if c == v {
				return k, true
			}
		}
		return 0, false
	}
	k, ok := p.index[v]
	return k, ok
}

func newCategoricalProfile(name string, st CategoryStats, d Domain) CategoricalProfile {
	counted := st.Values[:min(len(st.Values), MaxCategories)]
	p := CategoricalProfile{Name: name, Categories: counted, Truncated: st.Truncated, index: make(map[string]int, len(st.Values))}
	for i, c := range st.Values {
		p.index[c] = min(i, len(counted)) // the tail shares the "other" bin
	}
	if len(d.Values) > 0 {
		p.allowed = make(map[string]bool, len(d.Values))
		for _, v := range d.Values {
			p.allowed[v] = true
		}
	}
	return p
}
