package demo

import (
	"slices"
	"testing"

	"github.com/aiperf/monitor/pkg/engine"
)

func TestModels(t *testing.T) {
	specs := Models()
	var ids []string
	for _, s := range specs {
		ids = append(ids, s.ID)
		if s.Name == "" || s.Owner == "" || s.RiskClass == "" || s.Version == "" || s.PrimaryMetric == "" || s.BusinessValuePerMonth <= 0 || s.LatencyTargetP95Ms <= 0 {
			t.Errorf("%s: incomplete declared facts %+v", s.ID, s)
		}
		if s.Schema.Task != s.Task || len(s.Schema.Numeric) == 0 || len(s.Schema.Categorical) == 0 {
			t.Errorf("%s: schema %+v does not describe the model", s.ID, s.Schema)
		}
	}
	want := []string{RiskAssessment, FraudDetection, RecommendationAI, CustomerAIAssistant, DemandForecast}
	if !slices.Equal(ids, want) {
		t.Fatalf("model ids %v, want %v", ids, want)
	}
	if specs[0].Task != engine.TaskBinary || specs[4].Task != engine.TaskRegression {
		t.Errorf("tasks %s and %s", specs[0].Task, specs[4].Task)
	}
	specs[0].Schema.Numeric[0] = "changed"
	if Models()[0].Schema.Numeric[0] == "changed" {
		t.Error("Models shares its schema slices with callers")
	}
}
