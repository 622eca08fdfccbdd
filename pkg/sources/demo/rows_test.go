package demo

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/aiperf/monitor/pkg/engine"
)

func TestRowsAreDeterministic(t *testing.T) {
	from := testAnchor.Add(-36 * time.Hour).Add(17 * time.Minute)
	to := testAnchor.Add(-30 * time.Hour)
	for _, spec := range Models() {
		first := collectRows(t, newTestFleet(), spec.ID, from, to)
		second := collectRows(t, newTestFleet(), spec.ID, from, to)
		if len(first) == 0 || len(first) != len(second) {
			t.Fatalf("%s: %d rows, then %d", spec.ID, len(first), len(second))
		}
		for i := range first {
			if !first[i].ts.Equal(second[i].ts) || !sameRow(first[i].row, second[i].row) {
				t.Fatalf("%s: row %d differs between identical calls", spec.ID, i)
			}
		}
	}
}

func TestRowsSubRangeMatchesLargerRange(t *testing.T) {
	f := newTestFleet()
	from, to := testAnchor.Add(-48*time.Hour), testAnchor.Add(-40*time.Hour)
	subFrom, subTo := from.Add(95*time.Minute+13*time.Second), from.Add(5*time.Hour+7*time.Minute)
	for _, spec := range Models() {
		all := collectRows(t, f, spec.ID, from, to)
		sub := collectRows(t, f, spec.ID, subFrom, subTo)
		var slice []timedRow
		for _, r := range all {
			if !r.ts.Before(subFrom) && r.ts.Before(subTo) {
				slice = append(slice, r)
			}
		}
		if len(sub) == 0 || len(sub) != len(slice) {
			t.Fatalf("%s: sub-range has %d rows, the larger range %d in that interval", spec.ID, len(sub), len(slice))
		}
		for i := range sub {
			if !sub[i].ts.Equal(slice[i].ts) || !sameRow(sub[i].row, slice[i].row) {
				t.Fatalf("%s: row %d of the sub-range differs from the larger range", spec.ID, i)
			}
		}
	}
}

func TestRowsMatchSchema(t *testing.T) {
	f := newTestFleet()
	for _, spec := range Models() {
		rows := collectRows(t, f, spec.ID, testAnchor.Add(-24*time.Hour), testAnchor)
		for _, r := range rows {
			if len(r.row.Num) != len(spec.Schema.Numeric) || len(r.row.Cat) != len(spec.Schema.Categorical) || len(r.row.Sens) != len(spec.Schema.Sensitive) {
				t.Fatalf("%s: row not aligned with the schema: %+v", spec.ID, r.row)
			}
			if spec.Task == engine.TaskBinary && (r.row.Score < 0 || r.row.Score > 1 || (r.row.Label != 0 && r.row.Label != 1)) {
				t.Fatalf("%s: binary row has score %v and label %v", spec.ID, r.row.Score, r.row.Label)
			}
			if spec.Task == engine.TaskRegression && (r.row.Score <= 0 || r.row.Label < 0) {
				t.Fatalf("%s: forecast %v or target %v is not a plausible demand", spec.ID, r.row.Score, r.row.Label)
			}
		}
	}
}

func TestRowsRespectLabelDelay(t *testing.T) {
	f := newTestFleet()
	for _, spec := range Models() {
		cutoff := testNow.Add(-spec.LabelDelay)
		rows := collectRows(t, f, spec.ID, cutoff.Add(-3*time.Hour), testNow)
		var labeled, unlabeled int
		for _, r := range rows {
			want := !r.ts.After(cutoff)
			if r.row.Labeled != want {
				t.Fatalf("%s: row at %s labeled=%v, want %v (label delay %s)", spec.ID, r.ts, r.row.Labeled, want, spec.LabelDelay)
			}
			if r.row.Labeled {
				labeled++
			} else {
				unlabeled++
			}
		}
		if labeled == 0 || unlabeled == 0 {
			t.Fatalf("%s: %d labeled and %d unlabeled rows; the range should straddle the label cutoff", spec.ID, labeled, unlabeled)
		}
	}
}

func TestRowsUnknownModel(t *testing.T) {
	err := newTestFleet().Rows("nope", testAnchor.Add(-time.Hour), testAnchor, func(time.Time, *engine.Row) error { return nil })
	if err == nil || !strings.Contains(err.Error(), `"nope"`) || !strings.Contains(err.Error(), RiskAssessment) {
		t.Fatalf("want an error naming the model and the valid ids, got %v", err)
	}
}

func TestRowsStopOnEmitError(t *testing.T) {
	stop := errors.New("stop")
	calls := 0
	err := newTestFleet().Rows(FraudDetection, testAnchor.Add(-24*time.Hour), testAnchor, func(time.Time, *engine.Row) error {
		calls++
		return stop
	})
	if !errors.Is(err, stop) || calls != 1 {
		t.Fatalf("got error %v after %d calls; want the emit error after 1 call", err, calls)
	}
}

// Risk Assessment: the error rate rises only after the concept-drift onset.
func TestRiskAssessmentConceptDrift(t *testing.T) {
	f := newTestFleet()
	onset := testAnchor.Add(-conceptDriftLead)
	accuracy := func(from, to time.Time) float64 {
		var o outcomes
		for _, r := range collectRows(t, f, RiskAssessment, from, to) {
			o.add(r.row, 0.5)
		}
		return o.accuracy()
	}
	baseline := accuracy(onset.Add(-20*oneDay), onset.Add(-10*oneDay))
	beforeOnset := accuracy(onset.Add(-3*oneDay), onset)
	afterOnset := accuracy(onset.Add(conceptDriftRampIn), testNow.Add(-riskAssessmentSpec.LabelDelay))
	if baseline < 0.93 || baseline > 0.96 {
		t.Errorf("baseline accuracy %.3f, want 0.93..0.96", baseline)
	}
	if math.Abs(beforeOnset-baseline) > 0.01 {
		t.Errorf("accuracy before the onset %.3f moved away from the baseline %.3f", beforeOnset, baseline)
	}
	if baseline-afterOnset < 0.05 {
		t.Errorf("accuracy after the onset %.3f, want at least 5 points below the baseline %.3f", afterOnset, baseline)
	}
}

// Risk Assessment carries a real gender bias; its age_group does not.
func TestRiskAssessmentGenderBias(t *testing.T) {
	groups := map[string]map[string]*outcomes{"gender": {}, "age_group": {}}
	attributes := riskAssessmentSpec.Schema.Sensitive
	for _, r := range collectRows(t, newTestFleet(), RiskAssessment, testAnchor.Add(-40*oneDay), testAnchor.Add(-33*oneDay)) {
		for i, attribute := range attributes {
			group := r.row.Sens[i]
			if group == "" {
				continue
			}
			if groups[attribute][group] == nil {
				groups[attribute][group] = &outcomes{}
			}
			groups[attribute][group].add(r.row, 0.5)
		}
	}
	ratio, tprGap := disparities(groups["gender"])
	if ratio >= 0.8 || tprGap <= 0.05 {
		t.Errorf("gender: selection-rate ratio %.3f and TPR gap %.3f; want a failing ratio < 0.8 and a gap > 0.05", ratio, tprGap)
	}
	if ratio, _ := disparities(groups["age_group"]); ratio < 0.8 {
		t.Errorf("age_group: selection-rate ratio %.3f, want ≥ 0.8 (no bias)", ratio)
	}
	if len(groups["age_group"]) != 4 {
		t.Errorf("age_group has groups %v, want the four age bands", groups["age_group"])
	}
}

// disparities returns min/max of the groups' selection rates and the
// largest TPR difference.
func disparities(groups map[string]*outcomes) (ratio, tprGap float64) {
	minSel, maxSel, minTPR, maxTPR := math.Inf(1), 0.0, math.Inf(1), 0.0
	for _, g := range groups {
		minSel, maxSel = math.Min(minSel, g.selectionRate()), math.Max(maxSel, g.selectionRate())
		minTPR, maxTPR = math.Min(minTPR, g.tpr()), math.Max(maxTPR, g.tpr())
	}
	return minSel / maxSel, maxTPR - minTPR
}

func TestFraudDetectionIsImbalancedAndStable(t *testing.T) {
	f := newTestFleet()
	rate := func(from, to time.Time) float64 {
		var o outcomes
		for _, r := range collectRows(t, f, FraudDetection, from, to) {
			o.add(r.row, 0.5)
		}
		return o.positives / o.n
	}
	early, recent := rate(testAnchor.Add(-40*oneDay), testAnchor.Add(-33*oneDay)), rate(testAnchor.Add(-8*oneDay), testAnchor.Add(-oneDay))
	for _, r := range []float64{early, recent} {
		if r < 0.015 || r > 0.03 {
			t.Errorf("fraud positive rate %.4f, want about 2%%", r)
		}
	}
	if math.Abs(early-recent) > 0.004 {
		t.Errorf("fraud positive rate moved from %.4f to %.4f; the model should be stable", early, recent)
	}
}

func BenchmarkRowsOneDay(b *testing.B) {
	f := newTestFleet()
	for b.Loop() {
		n := 0
		if err := f.Rows(RiskAssessment, testAnchor.Add(-oneDay), testAnchor, func(time.Time, *engine.Row) error { n++; return nil }); err != nil || n == 0 {
			b.Fatalf("%d rows, error %v", n, err)
		}
	}
}

func TestRowsRejectReversedRange(t *testing.T) {
	err := newTestFleet().Rows(RiskAssessment, testAnchor, testAnchor.Add(-time.Hour), func(time.Time, *engine.Row) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "swap from and to") {
		t.Fatalf("reversed range: got %v", err)
	}
}

// Risk Assessment: credit_utilization drifts mildly after the onset only.
func TestRiskAssessmentFeatureDrift(t *testing.T) {
	f := newTestFleet()
	onset := testAnchor.Add(-conceptDriftLead)
	meanUtilization := func(from, to time.Time) float64 {
		rows := collectRows(t, f, RiskAssessment, from, to)
		sum := 0.0
		for _, r := range rows {
			sum += r.row.Num[2]
		}
		return sum / float64(len(rows))
	}
	baseline := meanUtilization(onset.Add(-20*oneDay), onset.Add(-10*oneDay))
	before := meanUtilization(onset.Add(-3*oneDay), onset)
	after := meanUtilization(onset.Add(conceptDriftRampIn), testAnchor)
	if math.Abs(before-baseline) > 0.005 || after-baseline < 0.03 || after-baseline > 0.1 {
		t.Errorf("mean credit_utilization %.3f (baseline), %.3f (before onset), %.3f (after); want a mild rise after the onset only", baseline, before, after)
	}
}

func TestDemandForecastIsHealthy(t *testing.T) {
	var sumPct float64
	rows := collectRows(t, newTestFleet(), DemandForecast, testAnchor.Add(-14*oneDay), testAnchor.Add(-2*oneDay))
	n := 0
	for _, r := range rows {
		if r.row.Label > 0 {
			sumPct += math.Abs(r.row.Score-r.row.Label) / r.row.Label
			n++
		}
	}
	if mape := sumPct / float64(n); mape < 0.05 || mape > 0.15 {
		t.Errorf("demand forecast MAPE %.3f, want 5%%..15%%", mape)
	}
}

// Fraud Detection is fair on age_group week after week, despite its rare positives.
func TestFraudDetectionIsFair(t *testing.T) {
	f := newTestFleet()
	for week := range 4 {
		from := testAnchor.Add(-time.Duration(week+2) * 7 * oneDay)
		groups := map[string]*outcomes{}
		for _, r := range collectRows(t, f, FraudDetection, from, from.Add(7*oneDay)) {
			g := r.row.Sens[0]
			if groups[g] == nil {
				groups[g] = &outcomes{}
			}
			groups[g].add(r.row, 0.5)
		}
		if ratio, gap := disparities(groups); ratio < 0.8 || gap > 0.05 {
			t.Errorf("week from %s: selection-rate ratio %.3f, TPR gap %.3f; want ≥ 0.8 and ≤ 0.05", from.Format(time.DateOnly), ratio, gap)
		}
	}
}
