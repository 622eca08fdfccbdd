package engine

import "fmt"

// NumericSummary is one numeric feature in one window, binned with the
// baseline's edges: bin 0 is below the first edge, the last bin at or above
// the last edge, so no value is ever dropped. Every field adds up across
// windows (Moments and Distinct merge by their own rules).
type NumericSummary struct {
	Count      int64 // finite values: binned
	Missing    int64 // no value (NULL)
	WrongType  int64 // a value of another type
	Unparsable int64 // text that is not a number
	NonFinite  int64 // ±Inf: never binned
	// OutOfDomain counts finite values outside the schema's declared domain.
	OutOfDomain int64
	OutOfRange  int64 // outside the baseline range widened by 10%
	Outliers    int64 // outside the baseline's 3×IQR fences
	// Issues counts values with at least one problem (missing, not a
	// conforming number, out of range): the data-quality issue share.
	Issues int64
	Counts []int64
	// Offsets per bin: Σ(v − lower edge) in inner and last bins, Σ(first
	// edge − v) in bin 0. With the counts they give the exact area under the
	// CDF inside every bin (Wasserstein), and they stay small and precise
	// whatever the values' offset.
	Offsets  []float64
	Min, Max float64
	Moments  Moments
	Distinct []float64 // up to distinctCap+1 distinct values (the auto method's rule)
}

// Present is the number of values that are there, usable or not.
func (n *NumericSummary) Present() int64 {
	return n.Count + n.WrongType + n.Unparsable + n.NonFinite
}

// CategoricalSummary is one categorical feature in one window. Counts are
// aligned with the baseline's counted categories; Other counts its other
// known values, Unseen values the baseline never had.
type CategoricalSummary struct {
	Count       int64 // non-missing values
	Missing     int64
	Counts      []int64
	Other       int64
	Unseen      int64
	OutOfDomain int64    // values outside the schema's allowed values
	Issues      int64    // missing, unseen (when that is decidable) or outside the domain
	Distinct    []string // up to distinctCap+1 distinct values
}

// Summary is a mergeable digest of one model's predictions in one window
// (DESIGN.md "Summaries"): merging two windows' summaries equals summarizing
// their rows together.
type Summary struct {
	Rows, Labeled  int64
	Numeric        []NumericSummary          // aligned with Schema.Numeric
	Categorical    []CategoricalSummary      // aligned with Schema.Categorical
	Scores         *ScoreHistogram           // binary classifiers
	Confusion      *Confusion                // classifiers: labeled K×K plus predicted counts
	Groups         []map[string]*GroupCounts // per Schema.Sensitive attribute, per group (binary)
	Regression     *RegressionSums           // regression: labeled error sums
	Prediction     *NumericSummary           // regression: predictions over the baseline's prediction edges
	InvalidOutputs int64                     // scores or class indices that could not be used
}

func newSummary(b *Baseline) *Summary {
	s := &Summary{
		Numeric:     make([]NumericSummary, len(b.Numeric)),
		Categorical: make([]CategoricalSummary, len(b.Categorical)),
	}
	for i, p := range b.Numeric {
		s.Numeric[i] = newNumericSummary(len(p.Edges) + 1)
	}
	for i, p := range b.Categorical {
		s.Categorical[i].Counts = make([]int64, len(p.Categories))
	}
	switch b.Schema.Task {
	case TaskBinary:
		s.Scores = newScoreHistogram(b.ScoreEdges)
		s.Confusion = newConfusion(2)
		s.Groups = make([]map[string]*GroupCounts, len(b.Schema.Sensitive))
		for i := range s.Groups {
			s.Groups[i] = map[string]*GroupCounts{}
		}
	case TaskMulticlass:
		s.Confusion = newConfusion(len(b.Schema.Classes))
	case TaskRegression:
		s.Regression = &RegressionSums{}
		p := newNumericSummary(len(b.Prediction.Edges) + 1)
		s.Prediction = &p
	}
	return s
}

func newNumericSummary(bins int) NumericSummary {
	return NumericSummary{Counts: make([]int64, bins), Offsets: make([]float64, bins)}
}

func newConfusion(k int) *Confusion {
	c := &Confusion{Matrix: make([][]int64, k), Predicted: make([]int64, k)}
	for i := range c.Matrix {
		c.Matrix[i] = make([]int64, k)
	}
	return c
}

// Clone returns a deep copy, so cached summaries can be merged into safely.
func (s *Summary) Clone() *Summary {
	c := &Summary{}
	if err := c.Merge(s); err != nil {
		panic(err) // merging into an empty summary cannot fail
	}
	return c
}

// MergeAll adds summaries into a new one; nil entries are skipped.
func MergeAll(summaries ...*Summary) (*Summary, error) {
	out := &Summary{}
	for _, s := range summaries {
		if err := out.Merge(s); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Merge adds o into s. An empty s takes o's shape; otherwise the shapes
// (features, bins, classes) must match, or the summaries were binned with
// different baselines and adding them would be meaningless.
func (s *Summary) Merge(o *Summary) error {
	if o == nil {
		return nil
	}
	if s.isEmptyShape() {
		s.adoptShape(o)
	}
	if len(s.Numeric) != len(o.Numeric) || len(s.Categorical) != len(o.Categorical) || len(s.Groups) != len(o.Groups) ||
		(s.Scores == nil) != (o.Scores == nil) || (s.Confusion == nil) != (o.Confusion == nil) || (s.Regression == nil) != (o.Regression == nil) {
		return fmt.Errorf("summaries have different shapes: were they binned with the same baseline?")
	}
	s.Rows += o.Rows
	s.Labeled += o.Labeled
	s.InvalidOutputs += o.InvalidOutputs
	for i := range s.Numeric {
		if err := s.Numeric[i].merge(&o.Numeric[i]); err != nil {
			return err
		}
	}
	for i := range s.Categorical {
		if err := s.Categorical[i].merge(&o.Categorical[i]); err != nil {
			return err
		}
	}
	if o.Scores != nil {
		if err := s.Scores.merge(o.Scores); err != nil {
			return err
		}
	}
	if o.Confusion != nil {
		if err := s.Confusion.merge(o.Confusion); err != nil {
			return err
		}
	}
	for i := range s.Groups {
		for g, gc := range o.Groups[i] {
			t, ok := s.Groups[i][g]
			if !ok {
				t = &GroupCounts{}
				s.Groups[i][g] = t
			}
			t.N += gc.N
			t.Selected += gc.Selected
			t.TP += gc.TP
			t.FP += gc.FP
			t.TN += gc.TN
			t.FN += gc.FN
		}
	}
	if o.Regression != nil {
		r, q := s.Regression, o.Regression
		r.N += q.N
		r.SumAbsErr += q.SumAbsErr
		r.SumSqErr += q.SumSqErr
		r.Target.Merge(q.Target)
		r.SumAbsPct += q.SumAbsPct
		r.NPct += q.NPct
	}
	if o.Prediction != nil {
		if err := s.Prediction.merge(o.Prediction); err != nil {
			return err
		}
	}
	return nil
}

func (s *Summary) isEmptyShape() bool {
	return s.Rows == 0 && s.Numeric == nil && s.Categorical == nil && s.Scores == nil && s.Confusion == nil && s.Regression == nil
}

// adoptShape gives an empty summary o's shape with zero counts.
func (s *Summary) adoptShape(o *Summary) {
	s.Numeric = make([]NumericSummary, len(o.Numeric))
	for i := range o.Numeric {
		s.Numeric[i] = newNumericSummary(len(o.Numeric[i].Counts))
	}
	s.Categorical = make([]CategoricalSummary, len(o.Categorical))
	for i := range o.Categorical {
		s.Categorical[i].Counts = make([]int64, len(o.Categorical[i].Counts))
	}
	if o.Scores != nil {
		s.Scores = newScoreHistogram(o.Scores.Edges)
	}
	if o.Confusion != nil {
		s.Confusion = newConfusion(len(o.Confusion.Matrix))
	}
	if o.Groups != nil {
		s.Groups = make([]map[string]*GroupCounts, len(o.Groups))
		for i := range s.Groups {
			s.Groups[i] = map[string]*GroupCounts{}
		}
	}
	if o.Regression != nil {
		s.Regression = &RegressionSums{}
	}
	if o.Prediction != nil {
		p := newNumericSummary(len(o.Prediction.Counts))
		s.Prediction = &p
	}
}

func (n *NumericSummary) merge(o *NumericSummary) error {
	if len(n.Counts) != len(o.Counts) {
		return fmt.Errorf("numeric summaries have %d vs %d bins: different baselines", len(n.Counts), len(o.Counts))
	}
	if o.Count > 0 {
		if n.Count == 0 || o.Min < n.Min {
			n.Min = o.Min
		}
		if n.Count == 0 || o.Max > n.Max {
			n.Max = o.Max
		}
	}
	n.Count += o.Count
	n.Missing += o.Missing
	n.WrongType += o.WrongType
	n.Unparsable += o.Unparsable
	n.NonFinite += o.NonFinite
	n.OutOfDomain += o.OutOfDomain
	n.OutOfRange += o.OutOfRange
	n.Outliers += o.Outliers
	n.Issues += o.Issues
	addInts(n.Counts, o.Counts)
	addFloats(n.Offsets, o.Offsets)
	n.Moments.Merge(o.Moments)
	n.Distinct = unionDistinct(n.Distinct, o.Distinct)
	return nil
}

func (c *CategoricalSummary) merge(o *CategoricalSummary) error {
	if len(c.Counts) != len(o.Counts) {
		return fmt.Errorf("categorical summaries have %d vs %d categories: different baselines", len(c.Counts), len(o.Counts))
	}
	c.Count += o.Count
	c.Missing += o.Missing
	c.Other += o.Other
	c.Unseen += o.Unseen
	c.OutOfDomain += o.OutOfDomain
	c.Issues += o.Issues
	addInts(c.Counts, o.Counts)
	c.Distinct = unionDistinct(c.Distinct, o.Distinct)
	return nil
}

func (h *ScoreHistogram) merge(o *ScoreHistogram) error {
	if len(h.Pos) != len(o.Pos) {
		return fmt.Errorf("score histograms have %d vs %d bins: different baselines", len(h.Pos), len(o.Pos))
	}
	addInts(h.Pos, o.Pos)
	addInts(h.Neg, o.Neg)
	addInts(h.Unlabeled, o.Unlabeled)
	addFloats(h.SumPos, o.SumPos)
	addFloats(h.SumNeg, o.SumNeg)
	addFloats(h.SumUnlabeled, o.SumUnlabeled)
	h.LogLossSum += o.LogLossSum
	h.BrierSum += o.BrierSum
	return nil
}

func (c *Confusion) merge(o *Confusion) error {
	if len(c.Matrix) != len(o.Matrix) {
		return fmt.Errorf("confusion matrices are %d×%d vs %d×%d", len(c.Matrix), len(c.Matrix), len(o.Matrix), len(o.Matrix))
	}
	for i := range c.Matrix {
		addInts(c.Matrix[i], o.Matrix[i])
	}
	addInts(c.Predicted, o.Predicted)
	return nil
}

func addInts(dst, src []int64) {
	for i := range dst {
		dst[i] += src[i]
	}
}

func addFloats(dst, src []float64) {
	for i := range dst {
		dst[i] += src[i]
	}
}
