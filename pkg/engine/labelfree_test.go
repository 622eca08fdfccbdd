package engine

import (
	"math"
	"math/rand/v2"
	"testing"
)

// labelFreeRows draws n scores with labels from trueProb(score); the first
// `labeled` rows keep their label, the rest are unlabeled. It returns the
// histogram and the realized accuracy and precision of the unlabeled rows at
// the threshold.
func labelFreeRows(t *testing.T, seed uint64, n, labeled int, threshold float64, trueProb func(float64) float64) (h *ScoreHistogram, accuracy, precision float64) {
	rng := rand.New(rand.NewPCG(seed, 1))
	scores := make([]float64, n)
	labels := make([]int, n)
	var correct, unlabeled, tp, predicted float64
	for i := range scores {
		s := rng.Float64()
		y := 0
		if rng.Float64() < trueProb(s) {
			y = 1
		}
		scores[i] = s
		labels[i] = y
		if i >= labeled {
			labels[i] = -1
			unlabeled++
			if (s >= threshold) == (y == 1) {
				correct++
			}
			if s >= threshold {
				predicted++
				tp += float64(y)
			}
		}
	}
	return binaryBaseline(t, threshold, binaryRows(scores, labels)).Summary.Scores, correct / unlabeled, tp / predicted
}

func TestEstimateBinaryExpectedConfusionIsExactForCalibratedScores(t *testing.T) {
	scores := []float64{0.05, 0.32, 0.499, 0.5, 0.71, 0.93}
	labels := []int{-1, -1, -1, -1, -1, -1}
	e := EstimateBinaryWith(Calibration{}, binaryWindow(t, scores, labels).Scores, 0.5)
	var tp, fp, tn, fn float64
	for _, s := range scores {
		if s >= 0.5 {
			tp, fp = tp+s, fp+1-s
		} else {
			fn, tn = fn+s, tn+1-s
		}
	}
	for name, pair := range map[string][2]float64{"TP": {e.ExpectedTP, tp}, "FP": {e.ExpectedFP, fp}, "TN": {e.ExpectedTN, tn}, "FN": {e.ExpectedFN, fn}} {
		if math.Abs(pair[0]-pair[1]) > 1e-12 {
			t.Errorf("expected %s = %v, want %v", name, pair[0], pair[1])
		}
	}
	wantPrecision := tp / (tp + fp)
	if names := e.Metrics(); len(names) != 4 || names[1].Name != MetricPrecision || names[1].Metric != e.Precision {
		t.Errorf("metrics = %+v, want accuracy, precision, recall, f1", names)
	}
	if e.Rows != 6 || !e.Estimated || e.Calibrated || math.Abs(e.Precision.Value-wantPrecision) > 1e-12 {
		t.Errorf("estimate = %+v, want 6 rows, estimated, uncalibrated, precision %v", e, wantPrecision)
	}
}

func TestEstimateBinaryTracksRealizedAccuracy(t *testing.T) {
	calibrated := func(s float64) float64 { return s }
	h, realized, _ := labelFreeRows(t, 7, 40000, 0, 0.5, calibrated)
	e := EstimateBinary(h, 0.5)
	if e.Calibrated || math.Abs(e.Accuracy.Value-realized) > 0.01 {
		t.Errorf("estimated accuracy %v, realized %v, calibrated=%v: want within 0.01 on raw scores", e.Accuracy, realized, e.Calibrated)
	}
}

func TestEstimateBinaryCalibratesOverconfidentScores(t *testing.T) {
	// true probability s² < s: raw scores overstate positives
	overconfident := func(s float64) float64 { return s * s }
	h, _, realized := labelFreeRows(t, 11, 60000, 20000, 0.5, overconfident)
	raw := EstimateBinaryWith(Calibration{}, h, 0.5)
	cal := CalibrationFrom(h)
	fitted := EstimateBinaryWith(cal, h, 0.5)
	if !cal.Fitted() || !fitted.Calibrated {
		t.Fatal("20000 labeled rows must fit a calibration map")
	}
	if math.Abs(fitted.Precision.Value-realized) > 0.015 {
		t.Errorf("calibrated precision estimate %v, realized %v: want within 0.015", fitted.Precision.Value, realized)
	}
	// raw scores promise 0.75 precision where s² delivers 0.58
	if math.Abs(raw.Precision.Value-realized) < 0.1 {
		t.Errorf("raw precision estimate %v is close to realized %v: the test data is not miscalibrated", raw.Precision.Value, realized)
	}
}

func TestCalibrationMapIsMonotone(t *testing.T) {
	h, _, _ := labelFreeRows(t, 3, 5000, 5000, 0.5, func(s float64) float64 { return 0.2 + 0.6*s })
	cal := CalibrationFrom(h)
	for b := 1; b < len(cal.prob); b++ {
		if cal.prob[b] < cal.prob[b-1] {
			t.Fatalf("calibrated probability drops from %v to %v at bin %d", cal.prob[b-1], cal.prob[b], b)
		}
	}
	if few := CalibrationFrom(binaryWindow(t, []float64{0.2, 0.8}, []int{0, 1}).Scores); few.Fitted() {
		t.Error("two labeled rows must not fit a calibration map")
	}
}

func TestEstimateBinarySplitsABinAcrossAnotherThreshold(t *testing.T) {
	// the schema's threshold is a bin edge; another threshold splits its bin
	// in proportion to the part of the bin's range above it
	scores := make([]float64, 1000)
	labels := make([]int, 1000)
	for i := range scores {
		scores[i], labels[i] = (float64(i)+0.5)/1000, -1
	}
	h := binaryWindow(t, scores, labels).Scores
	b := binOf(h.Edges, 0.3137)
	lo, hi := scoreBinRange(h.Edges, b)
	e := EstimateBinaryWith(Calibration{}, h, lo+0.75*(hi-lo))
	want := 0.25 * float64(h.Unlabeled[b])
	for i := b + 1; i < h.Bins(); i++ {
		want += float64(h.Unlabeled[i])
	}
	if got := e.ExpectedTP + e.ExpectedFP; math.Abs(got-want) > 1e-9 || h.Unlabeled[b] == 0 {
		t.Errorf("predicted positives %v, want %v (bin of %d rows)", got, want, h.Unlabeled[b])
	}
}

func TestEstimateBinaryWithoutUnlabeledRowsIsUndefined(t *testing.T) {
	for name, h := range map[string]*ScoreHistogram{
		"nil":         nil,
		"all labeled": binaryWindow(t, []float64{0.3, 0.7}, []int{0, 1}).Scores,
	} {
		e := EstimateBinary(h, 0.5)
		if e.Rows != 0 || e.Accuracy.OK || e.F1.OK || !e.Estimated {
			t.Errorf("%s: estimate %+v, want no rows and undefined metrics", name, e)
		}
	}
}
