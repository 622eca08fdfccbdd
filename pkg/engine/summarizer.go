package engine

import "math"

// probabilityClip is float64's machine epsilon: scikit-learn's log_loss
// clips probabilities to [ε, 1−ε] with ε = np.finfo(float64).eps, so hard
// 0/1 scores give the same finite log loss here.
const probabilityClip = 2.220446049250313e-16

// missingGroup is the group of rows whose sensitive attribute is missing.
const missingGroup = "(missing)"

// Summarizer streams rows into a Summary binned with a baseline.
type Summarizer struct {
	b *Baseline
	s *Summary
}

// NewSummarizer starts an empty summary with the baseline's bins.
func NewSummarizer(b *Baseline) *Summarizer {
	return &Summarizer{b: b, s: newSummary(b)}
}

// ResumeSummarizer keeps adding to s, a summary binned with b that the
// caller owns (a Clone of a kept one): a row is added the same way whatever
// came before it, so resuming a window's summary after its first rows gives
// exactly the summary of all of them.
func ResumeSummarizer(b *Baseline, s *Summary) *Summarizer {
	return &Summarizer{b: b, s: s}
}

// Summary returns the summary so far; the summarizer keeps adding to it.
func (z *Summarizer) Summary() *Summary { return z.s }

// Add counts one row. It allocates nothing except a group's first row.
func (z *Summarizer) Add(r *Row) {
	s, b := z.s, z.b
	s.Rows++
	if r.Labeled {
		s.Labeled++
	}
	for i := range b.Numeric {
		addNumeric(&s.Numeric[i], &b.Numeric[i], r.Num[i])
	}
	for i := range b.Categorical {
		addCategorical(&s.Categorical[i], &b.Categorical[i], r.Cat[i])
	}
	switch b.Schema.Task {
	case TaskBinary:
		z.addBinary(r)
	case TaskMulticlass:
		z.addMulticlass(r)
	case TaskRegression:
		z.addRegression(r)
	}
}

func addNumeric(n *NumericSummary, p *NumericProfile, v float64) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		switch {
		case IsWrongType(v):
			n.WrongType++
		case IsUnparsable(v):
			n.Unparsable++
		case math.IsNaN(v):
			n.Missing++
		default:
			n.NonFinite++
		}
		n.Issues++
		return
	}
	if n.Count == 0 || v < n.Min {
		n.Min = v
	}
	if n.Count == 0 || v > n.Max {
		n.Max = v
	}
	n.Count++
	n.Moments.Add(v)
	bin := p.index.find(p.Edges, v)
	n.Counts[bin]++
	switch {
	case len(p.Edges) == 0:
		n.Offsets[0] -= v
	case bin == 0:
		n.Offsets[0] += p.Edges[0] - v
	default:
		n.Offsets[bin] += v - p.Edges[bin-1]
	}
	issue := false
	if p.Count > 0 && (v < p.ValidLow || v > p.ValidHigh) {
		n.OutOfRange++
		issue = true
	}
	if p.Count > 0 && (v < p.FenceLow || v > p.FenceHigh) {
		n.Outliers++
	}
	if v < p.DomainLow || v > p.DomainHigh {
		n.OutOfDomain++
		issue = true
	}
	if issue {
		n.Issues++
	}
	n.Distinct = addDistinct(n.Distinct, v)
}

func addCategorical(c *CategoricalSummary, p *CategoricalProfile, v string) {
	if v == "" {
		c.Missing++
		c.Issues++
		return
	}
	c.Count++
	issue := false
	if k, ok := p.lookup(v); !ok {
		c.Unseen++
		issue = !p.Truncated // past MaxKnownCategories an unseen value may be a known one
	} else if k < len(c.Counts) {
		c.Counts[k]++
	} else {
		c.Other++
	}
	if p.allowed != nil && !p.allowed[v] {
		c.OutOfDomain++
		issue = true
	}
	if issue {
		c.Issues++
	}
	c.Distinct = addDistinct(c.Distinct, v)
}

func (z *Summarizer) addBinary(r *Row) {
	s := z.s
	p := r.Score
	if math.IsNaN(p) || p < 0 || p > 1 {
		s.InvalidOutputs++
		return
	}
	h := s.Scores
	bin := z.b.scoreIndex.find(h.Edges, p)
	predicted := 0
	if p >= z.b.Schema.Threshold {
		predicted = 1
	}
	s.Confusion.Predicted[predicted]++
	actual := 0
	if r.Labeled {
		if r.Label >= 0.5 {
			actual = 1
			h.Pos[bin]++
			h.SumPos[bin] += p
		} else {
			h.Neg[bin]++
			h.SumNeg[bin] += p
		}
		// −[y·ln p + (1−y)·ln(1−p)] takes one logarithm: the other term is 0.
		pc := math.Min(math.Max(p, probabilityClip), 1-probabilityClip)
		if actual == 1 {
			h.LogLossSum -= math.Log(pc)
		} else {
			h.LogLossSum -= math.Log(1 - pc)
		}
		y := float64(actual)
		h.BrierSum += (p - y) * (p - y)
		s.Confusion.Matrix[actual][predicted]++
	} else {
		h.Unlabeled[bin]++
		h.SumUnlabeled[bin] += p
	}
	for i, g := range r.Sens {
		if i >= len(s.Groups) {
			break
		}
		if g == "" {
			g = missingGroup
		}
		gc, ok := s.Groups[i][g]
		if !ok {
			gc = &GroupCounts{}
			s.Groups[i][g] = gc
		}
		gc.N++
		gc.Selected += int64(predicted)
		if !r.Labeled {
			continue
		}
		switch {
		case actual == 1 && predicted == 1:
			gc.TP++
		case actual == 0 && predicted == 1:
			gc.FP++
		case actual == 0:
			gc.TN++
		default:
			gc.FN++
		}
	}
}

func (z *Summarizer) addMulticlass(r *Row) {
	c := z.s.Confusion
	k := len(c.Predicted)
	if r.Pred < 0 || r.Pred >= k {
		z.s.InvalidOutputs++
		return
	}
	c.Predicted[r.Pred]++
	if !r.Labeled {
		return
	}
	actual := int(r.Label)
	if actual < 0 || actual >= k || float64(actual) != r.Label {
		z.s.InvalidOutputs++
		return
	}
	c.Matrix[actual][r.Pred]++
}

func (z *Summarizer) addRegression(r *Row) {
	addNumeric(z.s.Prediction, &z.b.Prediction, r.Score)
	if !r.Labeled || math.IsNaN(r.Score) || math.IsInf(r.Score, 0) || math.IsNaN(r.Label) || math.IsInf(r.Label, 0) {
		if r.Labeled {
			z.s.InvalidOutputs++
		}
		return
	}
	e := r.Score - r.Label
	g := z.s.Regression
	g.N++
	g.SumAbsErr += math.Abs(e)
	g.SumSqErr += e * e
	g.Target.Add(r.Label)
	if r.Label != 0 {
		g.SumAbsPct += math.Abs(e / r.Label)
		g.NPct++
	}
}
