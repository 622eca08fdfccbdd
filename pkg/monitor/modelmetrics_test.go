package monitor

import (
	"strings"
	"testing"
	"time"

	"github.com/aiperf/monitor/pkg/fault"
)

// Risk Assessment's concept drift begins 10 days before the anchor (testNow's
// midnight) and its labels arrive after 2 days: accuracy holds before the
// onset and falls after it.
func TestRiskAssessmentAccuracyFallsOnlyAfterConceptDriftOnset(t *testing.T) {
	f := answer(t, map[string]any{"queryType": "quality", "model": "risk-assessment"}, 20*day, day)[0]
	acc, base := fieldValues(t, f, "accuracy"), fieldValues(t, f, "accuracyBaseline")
	if len(acc) < 15 {
		t.Fatalf("only %d labeled daily windows", len(acc))
	}
	if f, _ := f.FieldByName("accuracy"); f.Config.Unit != "percentunit" {
		t.Fatalf("accuracy unit %q", f.Config.Unit)
	}
	early := mean(acc[:8])   // days 20..12 before now: before the onset
	late := mean(acc[12:16]) // days 8..4 before now: drift fully in
	if early < base[0]-0.02 {
		t.Errorf("accuracy before the onset %.3f should be near the baseline %.3f", early, base[0])
	}
	if late > early-0.04 {
		t.Errorf("accuracy after the onset %.3f should fall well below %.3f", late, early)
	}
}

func TestQualityHasLabelFreeEstimatesWhileLabelsArePending(t *testing.T) {
	f := answer(t, map[string]any{"queryType": "quality", "model": "risk-assessment", "metrics": []string{"accuracy", "aucRoc"}}, 5*day, day)[0]
	est, idx := f.FieldByName("accuracyEstimated")
	if idx < 0 {
		t.Fatal("windows without labels should carry estimated accuracy")
	}
	last, ok := est.ConcreteAt(est.Len() - 1)
	if !ok || last.(float64) < 0.5 || last.(float64) > 1 {
		t.Fatalf("estimated accuracy of the newest window: %v", last)
	}
	if _, i := f.FieldByName("aucRocBaseline"); i < 0 {
		t.Fatal("chosen metrics come with baselines")
	}
}

func TestConceptDriftDetectedAfterOnsetNotBefore(t *testing.T) {
	f := answer(t, map[string]any{"queryType": "driftTrend", "model": "risk-assessment"}, 20*day, day)[0]
	concept := fieldValues(t, f, "concept")
	if len(concept) < 15 {
		t.Fatalf("%d windows with concept drift", len(concept))
	}
	if before := mean(concept[:8]); before >= 5 {
		t.Errorf("concept drift before the onset %.1f%% should stay under 5%%", before)
	}
	if after := mean(concept[12:16]); after < 5 {
		t.Errorf("concept drift after the onset %.1f%% should exceed 5%%", after)
	}
}

func TestDriftFramesForThePanel(t *testing.T) {
	fs := answer(t, map[string]any{"queryType": "drift", "model": "risk-assessment"}, 7*day, day)
	scores, dists := frameNamed(t, fs, "driftScores"), frameNamed(t, fs, "driftDistributions")
	if scores.Meta.Custom == nil || scores.Fields[0].Name != "time" {
		t.Fatal("driftScores needs a time field first and dataset drift in meta.custom")
	}
	features, _ := scores.FieldByName("feature")
	methods, _ := scores.FieldByName("method")
	seen := map[string]string{}
	for i := 0; i < features.Len(); i++ {
		seen[features.At(i).(string)] = methods.At(i).(string)
	}
	if seen["income"] != "wasserstein" || seen["region"] != "js" {
		t.Fatalf("auto method per feature (large baseline): %v", seen)
	}
	base := fieldValues(t, dists, "baseline")
	sum := 0.0
	for _, v := range base[:10] {
		sum += v
	}
	if sum < 0.99 || sum > 1.01 {
		t.Fatalf("the first feature's baseline shares sum to %v", sum)
	}
}

// The summary line speaks of the latest window: Risk Assessment's inputs
// (credit_utilization, loan_amount) drift from the onset 10 days back, which a
// 30-day range must not dilute away; a range ending before the onset is clean.
func TestDriftSummaryDescribesTheLatestWindow(t *testing.T) {
	share := func(end time.Duration) map[string]any {
		s := newDemoSetup(t, testNow)
		r := s.request(t, map[string]any{"queryType": "drift", "model": "risk-assessment"}, 30*day, day)
		if r.Range, _ = NewRange(r.Range.From.Add(-end), r.Range.To.Add(-end), testNow); r.Range.To.IsZero() {
			t.Fatal("bad range")
		}
		frames, err := Answer(t.Context(), r)
		if err != nil {
			t.Fatal(err)
		}
		return frameNamed(t, frames, "driftScores").Meta.Custom.(map[string]any)
	}
	now := share(0)
	if s := now["driftedShare"].(float64); s < 2.0/9 {
		t.Errorf("latest window: %v of features drifted, want at least credit_utilization and loan_amount", s)
	}
	if before := share(12 * day); before["driftedShare"].(float64) != 0 || before["datasetDrift"].(bool) {
		t.Errorf("before the onset the latest window must be clean: %v", before)
	}
}

func TestDriftDistributionOfOneFeature(t *testing.T) {
	f := answer(t, map[string]any{"queryType": "driftDistribution", "model": "risk-assessment", "feature": "region", "method": "chisquare"}, 7*day, day)[0]
	if f.Meta.Custom.(map[string]any)["method"] != "chisquare" {
		t.Fatalf("meta %v", f.Meta.Custom)
	}
	if _, ok := f.Meta.Custom.(map[string]any)["pValue"]; !ok {
		t.Fatal("chi-square carries a p-value")
	}
	if _, err := newDemoSetup(t, testNow).answer(t, map[string]any{"queryType": "driftDistribution", "model": "risk-assessment", "feature": "shoe_size"}, day, day); !fault.IsUser(err) || !strings.Contains(err.Error(), "not an input of risk-assessment") {
		t.Fatalf("an unknown feature must fail the query as the user's error naming the model's inputs, got %v", err)
	}
}

// The demo builds a real bias into Risk Assessment's gender: it must fail the
// four-fifths rule there and pass on age_group.
func TestBiasedAttributeFailsFourFifthsRule(t *testing.T) {
	fs := answer(t, map[string]any{"queryType": "fairness", "model": "risk-assessment"}, 14*day, day)
	d := frameNamed(t, fs, "fairnessDisparities")
	attr, _ := d.FieldByName("attribute")
	crit, _ := d.FieldByName("criterion")
	pass, _ := d.FieldByName("pass")
	value, _ := d.FieldByName("value")
	found := 0
	for i := 0; i < d.Rows(); i++ {
		if crit.At(i) != "demographicParityRatio" {
			continue
		}
		found++
		v, _ := value.ConcreteAt(i)
		switch attr.At(i) {
		case "gender":
			if pass.At(i).(bool) || v.(float64) >= 0.8 {
				t.Errorf("gender parity ratio %v should fail the four-fifths rule", v)
			}
		case "age_group":
			if !pass.At(i).(bool) {
				t.Errorf("age_group parity ratio %v should pass", v)
			}
		}
	}
	if found != 2 {
		t.Fatalf("expected a parity ratio per attribute, got %d", found)
	}
	if g := frameNamed(t, fs, "fairnessGroups"); g.Rows() < 4 {
		t.Fatalf("%d groups", g.Rows())
	}
}

func TestDataQualityFrame(t *testing.T) {
	f := answer(t, map[string]any{"queryType": "dataQuality", "model": "demand-forecast"}, 3*day, day)[0]
	names, _ := f.FieldByName("feature")
	if names.At(names.Len()-1) != "overall" {
		t.Fatal("the last row is the overall score")
	}
	for _, v := range fieldValues(t, f, "completeness") {
		if v < 0.5 || v > 1 {
			t.Fatalf("completeness %v", v)
		}
	}
}

func TestConfusionMatrixAndReliability(t *testing.T) {
	cm := answer(t, map[string]any{"queryType": "confusionMatrix", "model": "fraud-detection"}, 7*day, day)[0]
	if cm.Rows() != 2 || len(cm.Fields) != 3 {
		t.Fatalf("binary confusion matrix is 2×2, got %d rows %d fields", cm.Rows(), len(cm.Fields))
	}
	rel := answer(t, map[string]any{"queryType": "reliability", "model": "fraud-detection"}, 7*day, day)[0]
	if rel.Rows() != 10 {
		t.Fatalf("reliability has %d bins", rel.Rows())
	}
	if _, err := newDemoSetup(t, testNow).answer(t, map[string]any{"queryType": "confusionMatrix", "model": "demand-forecast"}, day, day); !fault.IsUser(err) {
		t.Fatalf("a regression model has no confusion matrix: want the user's error, got %v", err)
	}
}

// Recommendation AI's latency regression breaches its 200 ms p95 target, so
// the fleet table must not call it healthy.
func TestRecommendationIsNotHealthyAfterItsLatencyRegression(t *testing.T) {
	f := answer(t, map[string]any{"queryType": "fleetHealth"}, day, time.Hour)[0]
	models, _ := f.FieldByName("model")
	status, _ := f.FieldByName("status")
	for i := 0; i < f.Rows(); i++ {
		if models.At(i) == "recommendation-ai" {
			if status.At(i) == "Healthy" {
				t.Fatal("recommendation-ai is over its latency target but reported Healthy")
			}
			return
		}
	}
	t.Fatal("recommendation-ai missing from fleetHealth")
}
