package engine

import (
	"math"
	"sort"
)

// probabilityClip keeps log loss finite, as scikit-learn does.
const probabilityClip = 1e-15

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
		c := &s.Categorical[i]
		v := r.Cat[i]
		if v == "" {
			c.Missing++
			continue
		}
		c.Count++
		if k, ok := b.Categorical[i].index[v]; ok {
			c.Counts[k]++
		} else {
			c.Unseen++
		}
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
	switch {
	case math.IsNaN(v):
		n.Missing++
		return
	case math.IsInf(v, 0):
		n.Invalid++
		return
	}
	if n.Count == 0 || v < n.Min {
		n.Min = v
	}
	if n.Count == 0 || v > n.Max {
		n.Max = v
	}
	n.Count++
	n.Sum += v
	n.SumSq += v * v
	bin := sort.SearchFloat64s(p.Edges, math.Nextafter(v, math.Inf(1)))
	n.Counts[bin]++
	if bin == 0 {
		n.LowTailSum += v
	}
	if bin == len(p.Edges) {
		n.HighTailSum += v
	}
	if v < p.ValidLow || v > p.ValidHigh {
		n.OutOfRange++
	}
	if v < p.FenceLow || v > p.FenceHigh {
		n.Outliers++
	}
}

func (z *Summarizer) addBinary(r *Row) {
	s := z.s
	p := r.Score
	if math.IsNaN(p) || p < 0 || p > 1 {
		s.InvalidOutputs++
		return
	}
	bin := int(p * ScoreBins)
	if bin >= ScoreBins {
		bin = ScoreBins - 1
	}
	predicted := 0
	if p >= z.b.Schema.Threshold {
		predicted = 1
	}
	s.Confusion.Predicted[predicted]++
	h := s.Scores
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
		pc := math.Min(math.Max(p, probabilityClip), 1-probabilityClip)
		y := float64(actual)
		h.LogLossSum -= y*math.Log(pc) + (1-y)*math.Log(1-pc)
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
	g.SumY += r.Label
	g.SumYSq += r.Label * r.Label
	if r.Label != 0 {
		g.SumAbsPct += math.Abs(e / r.Label)
		g.NPct++
	}
}
