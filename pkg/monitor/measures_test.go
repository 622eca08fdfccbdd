package monitor

import (
	"context"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/aiperf/monitor/pkg/engine"
	"github.com/aiperf/monitor/pkg/query"
	"github.com/aiperf/monitor/pkg/sources"
	"github.com/aiperf/monitor/pkg/sources/demo"
)

// measureRows runs a measures query like an alert rule: fleet-wide over the
// measure's lookback, and returns the value per model (and dimension).
func measureRows(t *testing.T, s *demoSetup, measure engine.Measure) map[string]*float64 {
	t.Helper()
	spec, _ := engine.SpecOf(measure)
	fs, err := s.answer(t, map[string]any{"queryType": "measures", "measure": string(measure)}, spec.Lookback, time.Minute)
	if err != nil {
		t.Fatalf("%s: %v", measure, err)
	}
	f := fs[0]
	if f.Meta.Type != data.FrameTypeNumericLong || f.Meta.TypeVersion.IsZero() {
		t.Fatalf("%s: meta %+v, want numeric-long with a version", measure, f.Meta)
	}
	// data plane numeric long: string label columns, then one number per row
	for i, field := range f.Fields {
		if last := i == len(f.Fields)-1; last != field.Type().Numeric() || (!last && field.Type() != data.FieldTypeString) {
			t.Fatalf("%s: field %s is %s: want string labels and one numeric value last", measure, field.Name, field.Type())
		}
	}
	out := map[string]*float64{}
	for row := 0; row < f.Rows(); row++ {
		key := f.Fields[0].At(row).(string)
		if spec.Dimension != "" {
			key += "/" + f.Fields[2].At(row).(string)
		}
		if _, dup := out[key]; dup {
			t.Fatalf("%s: two rows for %s: Grafana Alerting refuses duplicate labels", measure, key)
		}
		out[key] = f.Fields[len(f.Fields)-1].At(row).(*float64)
	}
	return out
}

func TestMeasuresTellTheDemoStories(t *testing.T) {
	s := newDemoSetup(t, fleetTestNow)
	drop := measureRows(t, s, engine.MeasureQualityDrop)
	if v := drop[demo.RiskAssessment]; v == nil || *v < 1 {
		t.Errorf("risk-assessment quality drop ratio %v, want at least 1 (its accuracy fell past the 5%% alert)", deref(v))
	}
	if v := measureRows(t, s, engine.MeasureFairness)[demo.RiskAssessment+"/gender"]; v == nil || *v == 0 {
		t.Errorf("risk-assessment fairness on gender %v, want failing criteria", deref(v))
	}
	latency := measureRows(t, s, engine.MeasureLatency)
	if v := latency[demo.RecommendationAI]; v == nil || *v <= 1 {
		t.Errorf("recommendation-ai p95 ratio %v, want over its target", deref(v))
	}
	for _, healthy := range []string{demo.FraudDetection, demo.DemandForecast} {
		if v := drop[healthy]; v == nil || *v >= engine.QualityDropP2Factor {
			t.Errorf("%s quality drop ratio %v, want measured and below the P2 band", healthy, deref(v))
		}
		if v := latency[healthy]; v == nil || *v > 1 {
			t.Errorf("%s p95 ratio %v, want within target", healthy, deref(v))
		}
	}
	if v := measureRows(t, s, engine.MeasureSaturation); len(v) < 5*3 {
		t.Errorf("saturation has %d series, want one per model and measured resource", len(v))
	}
}

// Every status word is the health rules applied to exactly what the
// measures queries return over each measure's lookback: the page and the
// pager read the same numbers.
func TestStatusWordsAreTheRulesOnTheMeasures(t *testing.T) {
	s := newDemoSetup(t, fleetTestNow)
	perModel := map[string][]engine.Reading{}
	for _, spec := range engine.Measures {
		for key, v := range measureRows(t, s, spec.Name) {
			model, dimension, _ := strings.Cut(key, "/")
			r := engine.Reading{Measure: spec.Name, Dimension: dimension}
			if v != nil {
				r.Value = engine.Metric{Value: *v, OK: true}
			}
			perModel[model] = append(perModel[model], r)
		}
	}
	f := fleetAnswer(t, "fleetHealth", 7, "")[0]
	models, status, rule := stringsOf(t, f, "model"), stringsOf(t, f, "status"), stringsOf(t, f, "rule")
	for i, m := range models {
		issues := engine.Judge(perModel[m])
		want, wantRule := engine.StatusHealthy, ""
		if len(issues) > 0 {
			wantRule = issues[0].Rule
			want = map[engine.Severity]engine.HealthStatus{
				engine.SeverityP0: engine.StatusCritical, engine.SeverityP1: engine.StatusDegraded,
				engine.SeverityP2: engine.StatusWarning, engine.SeverityP3: engine.StatusHealthy,
			}[issues[0].Severity]
		}
		if status[i] != string(want) || rule[i] != wantRule {
			t.Errorf("%s: page says %s (%s), the rules on the measures say %s (%s)", m, status[i], rule[i], want, wantRule)
		}
	}
}

// The catalog's accuracyDropAlert moves the reading, so a rule condition on
// the ratio follows the catalog without editing the rule.
func TestMeasuresFollowTheCatalogTargets(t *testing.T) {
	s := newDemoSetup(t, fleetTestNow)
	before := *measureRows(t, s, engine.MeasureQualityDrop)[demo.RiskAssessment]
	for i := range s.catalog.Models {
		if s.catalog.Models[i].ID == demo.RiskAssessment {
			s.catalog.Models[i].Targets.AccuracyDropAlert = 0.03
		}
	}
	after := *measureRows(t, s, engine.MeasureQualityDrop)[demo.RiskAssessment]
	if math.Abs(after-before*5/3) > 1e-6 {
		t.Fatalf("ratio %v at a 3%% alert, want %v (5/3 of %v at 5%%)", after, before*5/3, before)
	}
}

func TestPipelineGapIsMeasuredAgainstTheExpectedGap(t *testing.T) {
	s := newDemoSetup(t, fleetTestNow)
	s.conns.Inference = stalled{s.conns.Inference, fleetTestNow.Add(-3 * time.Hour)}
	if v := measureRows(t, s, engine.MeasurePipelineGap)[demo.FraudDetection]; v == nil || math.Abs(*v-3) > 1e-9 {
		t.Fatalf("3 h without predictions against a 60-minute gap: %v, want 3", deref(v))
	}
}

// Configuration drift is measured from the versions that served: the demo's
// Recommendation AI rolled out 3.2.0 three days ago without a new baseline.
func TestConfigurationDriftIsMeasuredFromServedVersions(t *testing.T) {
	s := newDemoSetup(t, fleetTestNow)
	rows := measureRows(t, s, engine.MeasureConfigurationDrift)
	if v := rows[demo.RiskAssessment]; v == nil || *v != 0 {
		t.Fatalf("risk-assessment serves its production version, which its baseline saw: %v, want 0", deref(v))
	}
	if v := rows[demo.RecommendationAI]; v == nil || *v != 1 {
		t.Fatalf("recommendation-ai serves 3.2.0, which its baseline never saw: %v, want 1", deref(v))
	}
	s.conns.Meters = sources.Meters{}
	if v := measureRows(t, s, engine.MeasureConfigurationDrift)[demo.RiskAssessment]; v != nil {
		t.Fatalf("without a connection reporting served versions: %v, want null", *v)
	}
}

func TestComplianceCountsRetentionAndLoggingGaps(t *testing.T) {
	s := newDemoSetup(t, fleetTestNow)
	if v := measureRows(t, s, engine.MeasureCompliance)[demo.RiskAssessment]; v == nil || *v != 0 {
		t.Fatalf("demo retention and logging are in order: %v, want 0", deref(v))
	}
	s.catalog.Models[0].RetentionDays = 90 // risk-assessment is high risk: six months at least
	if v := measureRows(t, s, engine.MeasureCompliance)[s.catalog.Models[0].ID]; v == nil || *v != 1 {
		t.Fatalf("90 days of logs for a high-risk model: %v, want one violation", deref(v))
	}
}

// spikeAt multiplies latency in windows that start at or after from.
type spikeAt struct {
	sources.ServingSource
	from time.Time
}

func (s spikeAt) Serving(ctx context.Context, model string, w []sources.Window) ([]engine.ServingSummary, error) {
	out, err := s.ServingSource.Serving(ctx, model, w)
	for i := range out {
		if !w[i].From.Before(s.from) {
			for j := range out[i].Latency.Counts {
				if j+30 < len(out[i].Latency.Counts) {
					out[i].Latency.Counts[j+30] += out[i].Latency.Counts[j]
					out[i].Latency.Counts[j] = 0
				}
			}
		}
	}
	return out, err
}

// The open last window is never judged against the closed ones: a spike in
// the running hour waits until the hour closes.
func TestTheOpenWindowIsNoOutlier(t *testing.T) {
	now := fleetTestNow // 09:30: the 09:00 window is open
	s := newDemoSetup(t, now)
	s.conns.Serving = spikeAt{s.conns.Serving, now.Truncate(time.Hour)}
	if v := measureRows(t, s, engine.MeasureDegradation)[demo.FraudDetection+"/latencyP95"]; v == nil || *v != 0 {
		t.Fatalf("spike in the open hour only: degradation %v, want 0", deref(v))
	}
	s = newDemoSetup(t, now)
	s.conns.Serving = spikeAt{s.conns.Serving, now.Truncate(time.Hour).Add(-time.Hour)}
	if v := measureRows(t, s, engine.MeasureDegradation)[demo.FraudDetection+"/latencyP95"]; v == nil || *v != 1 {
		t.Fatalf("spike in the last closed hour: degradation %v, want 1", deref(v))
	}
}

func TestMeasuresQueryNeedsAKnownMeasure(t *testing.T) {
	q := query.Query{QueryType: query.QueryTypeMeasures, Measure: "nope"}
	if err := q.Validate(); err == nil || !strings.Contains(err.Error(), "use one of qualityDrop") {
		t.Fatalf("got %v", err)
	}
	for _, m := range engine.Measures {
		if !contains(query.Measures, string(m.Name)) {
			t.Errorf("measure %s is not accepted by the query model", m.Name)
		}
	}
	if len(query.Measures) != len(engine.Measures) {
		t.Errorf("the query model accepts %d measures, the engine has %d", len(query.Measures), len(engine.Measures))
	}
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
