package engine

import "fmt"

// NumericSummary is one numeric feature in one window, binned with the
// baseline's edges: bin 0 is below the first edge, the last bin at or above
// the last edge, so no value is ever dropped.
type NumericSummary struct {
	Count      int64 // finite values
	Missing    int64 // NaN
	Invalid    int64 // ±Inf: counted against schema conformance, never binned
	Counts     []int64
	Min, Max   float64
	Sum, SumSq float64
	// Sums of the values in the open end bins: they make the Wasserstein
	// tails exact where the two windows' tails do not cross.
	LowTailSum, HighTailSum float64
	OutOfRange              int64 // outside the baseline range widened by 10%
	Outliers                int64 // outside the baseline's 3×IQR fences
}

// CategoricalSummary is one categorical feature in one window. Counts are
// aligned with the baseline's known categories; anything else is Unseen.
type CategoricalSummary struct {
	Count   int64 // non-missing values
	Missing int64
	Counts  []int64
	Unseen  int64
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
		s.Numeric[i] = newNumericSummary(p)
	}
	for i, p := range b.Categorical {
		s.Categorical[i].Counts = make([]int64, len(p.Categories))
	}
	switch b.Schema.Task {
	case TaskBinary:
		s.Scores = &ScoreHistogram{}
		s.Confusion = newConfusion(2)
		s.Groups = make([]map[string]*GroupCounts, len(b.Schema.Sensitive))
		for i := range s.Groups {
			s.Groups[i] = map[string]*GroupCounts{}
		}
	case TaskMulticlass:
		s.Confusion = newConfusion(len(b.Schema.Classes))
	case TaskRegression:
		s.Regression = &RegressionSums{}
		p := newNumericSummary(b.Prediction)
		s.Prediction = &p
	}
	return s
}

func newNumericSummary(p NumericProfile) NumericSummary {
	return NumericSummary{Counts: make([]int64, len(p.Edges)+1)}
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
		a, b := &s.Categorical[i], &o.Categorical[i]
		if len(a.Counts) != len(b.Counts) {
			return fmt.Errorf("categorical feature %d has %d vs %d categories: different baselines", i, len(a.Counts), len(b.Counts))
		}
		a.Count += b.Count
		a.Missing += b.Missing
		a.Unseen += b.Unseen
		addInts(a.Counts, b.Counts)
	}
	if o.Scores != nil {
		s.Scores.merge(o.Scores)
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
		r.SumY += q.SumY
		r.SumYSq += q.SumYSq
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
		s.Numeric[i].Counts = make([]int64, len(o.Numeric[i].Counts))
	}
	s.Categorical = make([]CategoricalSummary, len(o.Categorical))
	for i := range o.Categorical {
		s.Categorical[i].Counts = make([]int64, len(o.Categorical[i].Counts))
	}
	if o.Scores != nil {
		s.Scores = &ScoreHistogram{}
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
		s.Prediction = &NumericSummary{Counts: make([]int64, len(o.Prediction.Counts))}
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
	n.Invalid += o.Invalid
	n.Sum += o.Sum
	n.SumSq += o.SumSq
	n.LowTailSum += o.LowTailSum
	n.HighTailSum += o.HighTailSum
	n.OutOfRange += o.OutOfRange
	n.Outliers += o.Outliers
	addInts(n.Counts, o.Counts)
	return nil
}

func (h *ScoreHistogram) merge(o *ScoreHistogram) {
	for i := 0; i < ScoreBins; i++ {
		h.Pos[i] += o.Pos[i]
		h.Neg[i] += o.Neg[i]
		h.Unlabeled[i] += o.Unlabeled[i]
		h.SumPos[i] += o.SumPos[i]
		h.SumNeg[i] += o.SumNeg[i]
		h.SumUnlabeled[i] += o.SumUnlabeled[i]
	}
	h.LogLossSum += o.LogLossSum
	h.BrierSum += o.BrierSum
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
