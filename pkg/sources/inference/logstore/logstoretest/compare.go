// Package logstoretest checks a SQL store against the engine: the same
// rows summarized in the database and by engine.Summarizer must agree
// field by field (floats within a relative tolerance: sums in another
// order round differently).
package logstoretest

import (
	"fmt"
	"math"
	"slices"

	"github.com/aiperf/monitor/pkg/engine"
)

// Tolerance is the relative difference allowed between float fields.
const Tolerance = 1e-9

// Diff lists every field where got differs from want; empty when they agree.
func Diff(got, want *engine.Summary) []string {
	d := &differ{}
	d.int("Rows", got.Rows, want.Rows)
	d.int("Labeled", got.Labeled, want.Labeled)
	d.int("InvalidOutputs", got.InvalidOutputs, want.InvalidOutputs)
	if d.int("len(Numeric)", int64(len(got.Numeric)), int64(len(want.Numeric))) {
		for i := range want.Numeric {
			d.numeric(fmt.Sprintf("Numeric[%d]", i), &got.Numeric[i], &want.Numeric[i])
		}
	}
	if d.int("len(Categorical)", int64(len(got.Categorical)), int64(len(want.Categorical))) {
		for i := range want.Categorical {
			g, w := &got.Categorical[i], &want.Categorical[i]
			at := fmt.Sprintf("Categorical[%d].", i)
			d.int(at+"Count", g.Count, w.Count)
			d.int(at+"Missing", g.Missing, w.Missing)
			d.ints(at+"Counts", g.Counts, w.Counts)
			d.int(at+"Other", g.Other, w.Other)
			d.int(at+"Unseen", g.Unseen, w.Unseen)
			d.int(at+"OutOfDomain", g.OutOfDomain, w.OutOfDomain)
			d.int(at+"Issues", g.Issues, w.Issues)
			d.distinctStrings(at+"Distinct", g.Distinct, w.Distinct)
		}
	}
	if (got.Scores == nil) != (want.Scores == nil) {
		d.add("Scores: one is nil")
	} else if want.Scores != nil {
		g, w := got.Scores, want.Scores
		d.ints("Scores.Pos", g.Pos, w.Pos)
		d.ints("Scores.Neg", g.Neg, w.Neg)
		d.ints("Scores.Unlabeled", g.Unlabeled, w.Unlabeled)
		d.floats("Scores.SumPos", g.SumPos, w.SumPos)
		d.floats("Scores.SumNeg", g.SumNeg, w.SumNeg)
		d.floats("Scores.SumUnlabeled", g.SumUnlabeled, w.SumUnlabeled)
		d.float("Scores.LogLossSum", g.LogLossSum, w.LogLossSum)
		d.float("Scores.BrierSum", g.BrierSum, w.BrierSum)
	}
	if (got.Confusion == nil) != (want.Confusion == nil) {
		d.add("Confusion: one is nil")
	} else if want.Confusion != nil {
		d.ints("Confusion.Predicted", got.Confusion.Predicted, want.Confusion.Predicted)
		if d.int("len(Confusion.Matrix)", int64(len(got.Confusion.Matrix)), int64(len(want.Confusion.Matrix))) {
			for i := range want.Confusion.Matrix {
				d.ints(fmt.Sprintf("Confusion.Matrix[%d]", i), got.Confusion.Matrix[i], want.Confusion.Matrix[i])
			}
		}
	}
	if d.int("len(Groups)", int64(len(got.Groups)), int64(len(want.Groups))) {
		for i := range want.Groups {
			if d.int(fmt.Sprintf("len(Groups[%d])", i), int64(len(got.Groups[i])), int64(len(want.Groups[i]))) {
				for name, w := range want.Groups[i] {
					g, ok := got.Groups[i][name]
					if !ok {
						d.add(fmt.Sprintf("Groups[%d][%q] missing", i, name))
						continue
					}
					if *g != *w {
						d.add(fmt.Sprintf("Groups[%d][%q] = %+v, want %+v", i, name, *g, *w))
					}
				}
			}
		}
	}
	if (got.Regression == nil) != (want.Regression == nil) {
		d.add("Regression: one is nil")
	} else if want.Regression != nil {
		g, w := got.Regression, want.Regression
		d.int("Regression.N", g.N, w.N)
		d.float("Regression.SumAbsErr", g.SumAbsErr, w.SumAbsErr)
		d.float("Regression.SumSqErr", g.SumSqErr, w.SumSqErr)
		d.moments("Regression.Target", g.Target, w.Target)
		d.float("Regression.SumAbsPct", g.SumAbsPct, w.SumAbsPct)
		d.int("Regression.NPct", g.NPct, w.NPct)
	}
	if (got.Prediction == nil) != (want.Prediction == nil) {
		d.add("Prediction: one is nil")
	} else if want.Prediction != nil {
		d.numeric("Prediction", got.Prediction, want.Prediction)
	}
	return d.diffs
}

type differ struct{ diffs []string }

func (d *differ) add(s string) {
	if len(d.diffs) < 50 {
		d.diffs = append(d.diffs, s)
	}
}

func (d *differ) int(name string, g, w int64) bool {
	if g != w {
		d.add(fmt.Sprintf("%s = %d, want %d", name, g, w))
		return false
	}
	return true
}

func (d *differ) ints(name string, g, w []int64) {
	if !slices.Equal(g, w) {
		d.add(fmt.Sprintf("%s = %v, want %v", name, g, w))
	}
}

// Close reports whether two floats agree within Tolerance (relative, with
// an absolute floor for values near zero).
func Close(g, w float64) bool {
	if g == w || (math.IsNaN(g) && math.IsNaN(w)) {
		return true
	}
	return math.Abs(g-w) <= Tolerance*math.Max(1, math.Max(math.Abs(g), math.Abs(w)))
}

func (d *differ) float(name string, g, w float64) {
	if !Close(g, w) {
		d.add(fmt.Sprintf("%s = %.17g, want %.17g", name, g, w))
	}
}

func (d *differ) floats(name string, g, w []float64) {
	if len(g) != len(w) {
		d.add(fmt.Sprintf("len(%s) = %d, want %d", name, len(g), len(w)))
		return
	}
	for i := range w {
		d.float(fmt.Sprintf("%s[%d]", name, i), g[i], w[i])
	}
}

func (d *differ) moments(name string, g, w engine.Moments) {
	d.int(name+".N", g.N, w.N)
	d.float(name+".Mean", g.Mean, w.Mean)
	d.float(name+".M2", g.M2, w.M2)
}

func (d *differ) numeric(at string, g, w *engine.NumericSummary) {
	at += "."
	d.int(at+"Count", g.Count, w.Count)
	d.int(at+"Missing", g.Missing, w.Missing)
	d.int(at+"WrongType", g.WrongType, w.WrongType)
	d.int(at+"Unparsable", g.Unparsable, w.Unparsable)
	d.int(at+"NonFinite", g.NonFinite, w.NonFinite)
	d.int(at+"OutOfDomain", g.OutOfDomain, w.OutOfDomain)
	d.int(at+"OutOfRange", g.OutOfRange, w.OutOfRange)
	d.int(at+"Outliers", g.Outliers, w.Outliers)
	d.int(at+"Issues", g.Issues, w.Issues)
	d.ints(at+"Counts", g.Counts, w.Counts)
	d.floats(at+"Offsets", g.Offsets, w.Offsets)
	if g.Count > 0 || w.Count > 0 {
		d.float(at+"Min", g.Min, w.Min)
		d.float(at+"Max", g.Max, w.Max)
	}
	d.moments(at+"Moments", g.Moments, w.Moments)
	d.distinctFloats(at+"Distinct", g.Distinct, w.Distinct)
}

// The engine keeps the first distinct values it meets, up to six; a store
// keeps the smallest. Both are exact below six values and both overfull
// (six: "more than five") above, which is all the engine reads from them.
const distinctCap = 5

func (d *differ) distinctFloats(name string, g, w []float64) {
	if len(w) > distinctCap && len(g) > distinctCap {
		return
	}
	if !slices.Equal(g, w) {
		d.add(fmt.Sprintf("%s = %v, want %v", name, g, w))
	}
}

func (d *differ) distinctStrings(name string, g, w []string) {
	if len(w) > distinctCap && len(g) > distinctCap {
		return
	}
	if !slices.Equal(g, w) {
		d.add(fmt.Sprintf("%s = %q, want %q", name, g, w))
	}
}
